#include "ProfileRunFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace perfdash;

namespace {
ProfileRun cacheRun()
{
    QString error;
    ProfileRun run;
    run.settings = *ProfileSettings::make(QStringLiteral("cache"), { { "capacity", "64" } }, &error);
    run.requestedRepetitions = 2;
    run.startedAt = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
    for (int i = 0; i < 2; ++i)
        run.repetitions << RepetitionResult { i, 10.0 + i, { { QStringLiteral("hit_ratio"), 0.5 + 0.25 * i } } };
    return run;
}
}

class TestProfileRunFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writtenRunReadsBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY2(writeProfileRunFile(cacheRun(), path, &error), qPrintable(error));
        const auto read = readProfileRunFile(path, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->settings, cacheRun().settings);
        QCOMPARE(read->repetitions.size(), 2);
        QCOMPARE(read->repetitions[1].metrics, cacheRun().repetitions[1].metrics);
    }

    // What the Profiling tab shows when a file cannot be used: the sentence names the file.
    void failuresNameTheFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content"); // empty: no such file
        QTest::addColumn<QString>("after"); // what follows the path
        QTest::addRow("missing file") << QStringLiteral("missing.json") << QByteArray()
                                      << QStringLiteral(": cannot read: ");
        QTest::addRow("not a run") << QStringLiteral("bad.json") << QByteArray("{\"version\": 1}")
                                   << QStringLiteral(": ");
    }

    void failuresNameTheFile()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, after);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        if (!content.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        QString error;
        QVERIFY(!readProfileRunFile(path, &error));
        QVERIFY2(error.startsWith(path + after), qPrintable(error));
    }

    void unwritablePathSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no/such/folder/run.json"));
        QString error;
        QVERIFY(!writeProfileRunFile(cacheRun(), path, &error));
        QVERIFY2(error.startsWith(path + QStringLiteral(": cannot write: ")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestProfileRunFile)
#include "tst_profilerunfile.moc"
