#include "JsonV1Parser.h"
#include "LineProtocolParser.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace perfdash;

// Replays every fuzz seed and every saved finding (tests/fuzz/corpus/) through the parsers in the
// normal suite — under the asan preset too — so a fixed crash stays fixed without running a fuzzer.
class TestFuzzCorpus : public QObject {
    Q_OBJECT

    static void addFiles(const QString& folder)
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(PERFDASH_FUZZ_CORPUS) + u'/' + folder);
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
        for (const QString& file : files)
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    static QByteArray read(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void jsonV1_data() { addFiles(QStringLiteral("jsonv1")); }
    void jsonV1()
    {
        QFETCH(QString, path);
        const ParseResult result = JsonV1Parser::parse(read(path));
        QVERIFY(result.errors.size() <= 21);
        QVERIFY(!result.samples.empty() || result.malformed());
    }

    void lineProtocol_data() { addFiles(QStringLiteral("lineprotocol")); }
    void lineProtocol()
    {
        QFETCH(QString, path);
        const ParseResult result = LineProtocolParser::parse(read(path), 0);
        QVERIFY(result.errors.size() <= 21);
        QVERIFY(!result.samples.empty() || result.malformed());
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
