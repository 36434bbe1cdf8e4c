#include "HeadlessTestMain.h"
#include "KeyTraceFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <zlib.h>

using namespace perfdash;

// Users' key traces: the shipped one, plain and gzip, one key per line and CSV, and every way a file can
// be wrong, each named with its line.
class TestKeyTraceFile : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;

    QString write(const char* name, const QByteArray& content)
    {
        QString path = m_directory.filePath(QLatin1String(name));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QString writeGzip(const char* name, const QByteArray& content)
    {
        QString path = m_directory.filePath(QLatin1String(name));
        gzFile file = gzopen(QFile::encodeName(path).constData(), "wb");
        if (!file || gzwrite(file, content.constData(), unsigned(content.size())) != int(content.size()))
            qFatal("cannot write %s", qPrintable(path));
        gzclose(file);
        return path;
    }

    static std::vector<std::uint32_t> ids(std::initializer_list<std::uint32_t> list) { return list; }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_directory.isValid()); }

    void theShippedTraceReadsWhole()
    {
        QString error;
        const auto trace = readKeyTrace(QStringLiteral(PERFDASH_RESOURCES "/traces/agent-cache-trace.csv.gz"), &error);
        QVERIFY2(trace, qPrintable(error));
        QCOMPARE(trace->keys.size(), 100'000u);
        QCOMPARE(trace->timesSeconds.size(), 100'000u);
        QCOMPARE(trace->distinctKeys, 43'834u);
        QVERIFY(std::is_sorted(trace->timesSeconds.begin(), trace->timesSeconds.end()));
        // One hour of requests from 2025-12-01T08:00:00Z.
        QVERIFY(trace->timesSeconds.front() >= 1'764'576'000.0);
        QVERIFY(trace->timesSeconds.back() - trace->timesSeconds.front() < 3600.5);
    }

    void aKeyPerLinePlainOrGzip()
    {
        const QByteArray content = "user:1\r\nuser:2\n\n  \nuser:1\nllm:prompt:ab cd"; // no final newline
        for (const QString& path : { write("keys.txt", content), writeGzip("keys.txt.gz", content) }) {
            QString error;
            const auto trace = readKeyTrace(path, &error);
            QVERIFY2(trace, qPrintable(error));
            QCOMPARE(trace->keys, ids({ 0, 1, 0, 2 }));
            QCOMPARE(trace->distinctKeys, 3u);
            QVERIFY(trace->timesSeconds.empty());
        }
    }

    void csvFindsItsColumns()
    {
        const QByteArray content = "ts,Key,size\n10.5,\"a,b\",3\n11,c,4\n12.25,\"a,b\",1\n";
        QString error;
        const auto trace = readKeyTrace(write("trace.csv", content), &error);
        QVERIFY2(trace, qPrintable(error));
        QCOMPARE(trace->keys, ids({ 0, 1, 0 }));
        QCOMPARE(trace->timesSeconds, (std::vector<double> { 10.5, 11, 12.25 }));
        // Without a time column the keys still count.
        const auto untimed = readKeyTrace(writeGzip("keys.csv.gz", "key\nx\ny\n"), &error);
        QVERIFY2(untimed, qPrintable(error));
        QCOMPARE(untimed->keys, ids({ 0, 1 }));
        QVERIFY(untimed->timesSeconds.empty());
    }

    void aChangedFileIsReadAgain()
    {
        QString error;
        const QString path = write("again.txt", "a\nb\n");
        const auto first = readKeyTrace(path, &error);
        QCOMPARE(readKeyTrace(path, &error), first); // a run's repetitions share one read
        write("again.txt", "a\nb\nc\n");
        const auto second = readKeyTrace(path, &error);
        QVERIFY(second);
        QCOMPARE(second->keys.size(), 3u);
    }

    void badFilesAreNamedWithTheirLine_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << m_directory.filePath("absent.txt") << "absent.txt: no such file";
        QTest::newRow("folder") << m_directory.path() << "is a folder, not a key trace";
        QTest::newRow("empty") << write("empty.txt", "\n\n") << "empty.txt: the trace holds no keys";
        QTest::newRow("header only") << write("header.csv", "key,timestamp\n") << "header.csv: the trace holds no keys";
        QTest::newRow("no key column") << write("nokey.csv", "id,time\n1,2\n")
                                       << "nokey.csv:1: the header names no \"key\" column (it has: id, time)";
        QTest::newRow("short row") << write("short.csv", "key,timestamp\na,1\nb\n")
                                   << "short.csv:3: 1 fields, but the header has 2";
        QTest::newRow("bad time") << write("time.csv", "key,timestamp\na,yesterday\n")
                                  << "time.csv:2: timestamp \"yesterday\" is not a number of seconds";
        QTest::newRow("NaN time") << write("nan.csv", "key,timestamp\na,NaN\n") << "nan.csv:2: timestamp \"NaN\"";
        QTest::newRow("absurd time") << write("absurd.csv", "key,timestamp\na,1\nb,1e308\n")
                                     << "absurd.csv:3: timestamp 1e308 is out of range";
        QTest::newRow("long line") << write("long.txt", "a\n" + QByteArray(2 << 20, 'x') + "\n")
                                   << "long.txt:2: a line longer than 1048576 bytes";
        QByteArray gzip;
        {
            const QString whole = writeGzip("whole.txt.gz", QByteArray(200'000, 'k').replace("kkkkkkk", "kkkkk\n"));
            QFile file(whole);
            QVERIFY(file.open(QIODevice::ReadOnly));
            gzip = file.readAll();
        }
        QTest::newRow("truncated gzip") << write("cut.txt.gz", gzip.left(gzip.size() / 2))
                                        << "cut.txt.gz: the gzip data is truncated or corrupt";
    }

    void badFilesAreNamedWithTheirLine()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!readKeyTrace(path, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestKeyTraceFile)
#include "tst_keytracefile.moc"
