#include "BinaryRun.h"
#include "HeadlessTestMain.h"
#include "ProfileRunFile.h"
#include "SyntheticRunHistory.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <random>

using namespace perfdash;

// `perfdash history` over run files as CI leaves them: one per commit, a regression injected at a known run.
class TestHistoryCli : public QObject {
    Q_OBJECT

    static BinaryRun run(const QStringList& arguments) { return runBinary(QStringLiteral(PERFDASH_BINARY), arguments); }

    QString writeHistory(const char* name, int changeAt, double hitBefore, double hitAfter)
    {
        QString folder = m_directory.filePath(QLatin1String(name));
        writeSyntheticCacheHistory(folder, changeAt, hitBefore, hitAfter);
        return folder;
    }

    QTemporaryDir m_directory;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_directory.isValid()); }

    void anInjectedRegressionIsFoundAtItsRun()
    {
        const QString folder = writeHistory("regressed", 21, 0.80, 0.74);
        const BinaryRun result = run({ "history", folder });
        QVERIFY2(result.exitCode == 1, result.out + result.err);
        const QString out = QString::fromUtf8(result.out);
        QVERIFY2(
            out.startsWith("cache history: 30 runs, 2026-11-01T09:00:00Z → 2026-11-30T09:00:00Z"), qPrintable(out));
        // Run 21 started on 21 November and is named commit-09.
        // Run 21 started on 21 November and is named commit-09; the hit ratio fell from about 0.80 to 0.74.
        const QRegularExpression change(
            QStringLiteral(R"(at run 21 \S+/commit-09\.json \(2026-11-21T09:00:00Z\): )"
                           R"(0\.(79|80)\d* → 0\.7[34]\d* \(−[678]\.\d %, p 0\.002\), worse)"));
        QVERIFY2(change.match(out).hasMatch(), qPrintable(out));
        QVERIFY(out.contains("worse  ← latest segment, regression"));
        QVERIFY(out.contains("parameters changed at run 21"));
        QVERIFY(out.contains("capacity 1000 → 200"));
        QVERIFY2(out.contains("Latency p95: 30 runs, no change point"), qPrintable(out));
        QVERIFY(out.contains("result: regression (Hit ratio at run 21)"));
    }

    void anImprovementPasses()
    {
        const BinaryRun result = run({ "history", writeHistory("improved", 18, 0.74, 0.80) });
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("at run 18"), result.out.constData());
        QVERIFY(result.out.contains("better"));
        QVERIFY(result.out.contains("result: no regression in the latest segment"));
    }

    void aFixedRegressionPassesButIsListed()
    {
        const QString folder = m_directory.filePath(QStringLiteral("fixed"));
        QDir().mkpath(folder);
        std::mt19937_64 random(99);
        QStringList files;
        for (int day = 0; day < 30; ++day) {
            const bool bad = day >= 10 && day < 20;
            QString error;
            files << QDir(folder).filePath(QStringLiteral("run-%1.json").arg(day, 2, 10, QChar(u'0')));
            QVERIFY(
                writeProfileRunFile(syntheticCacheRun(day, 0.8, bad ? 150 : 120, 1000, random), files.last(), &error));
        }
        const BinaryRun result = run(QStringList { "history" } + files);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("Latency p95: 30 runs, 2 change points"), result.out.constData());
        QVERIFY(result.out.contains("at run 11"));
        QVERIFY(result.out.contains("at run 21"));
        QVERIFY(result.out.contains("slower"));
        QVERIFY(result.out.contains("faster"));
    }

    void theOptionsChangeWhatCounts()
    {
        const QString folder = writeHistory("small", 21, 0.80, 0.79);
        QCOMPARE(run({ "history", folder }).exitCode, 1);
        // A change of 1.25 % is under a 5 % floor.
        const BinaryRun floor = run({ "history", folder, "--min-change", "5" });
        QCOMPARE(floor.exitCode, 0);
        QVERIFY(floor.out.contains("changes under 5 % ignored"));
        // 30 runs cannot make two segments of 16.
        const BinaryRun long_ = run({ "history", folder, "--min-segment", "16" });
        QCOMPARE(long_.exitCode, 0);
        QVERIFY2(long_.out.contains("Hit ratio: 30 runs, no change point"), long_.out.constData());
        // The smallest p-value 499 permutations can show still finds this step.
        const BinaryRun strict = run({ "history", folder, "--p-value", "0.002" });
        QVERIFY(strict.out.contains("p ≤ 0.002"));
        QCOMPARE(strict.exitCode, 1);
        QVERIFY(strict.out.contains("at run 21"));
    }

    void aForeignRunIsLeftOutAndSaidSo()
    {
        const QString folder = writeHistory("mixed", 21, 0.80, 0.74);
        QString error;
        ProfileRun pool;
        pool.settings = *ProfileSettings::make(QStringLiteral("pool"), {}, &error);
        pool.repetitions << RepetitionResult { 0, 10, { { QStringLiteral("throughput_ops_per_s"), 5.0 } } };
        QVERIFY(writeProfileRunFile(pool, QDir(folder).filePath("zz-pool.json"), &error));
        const BinaryRun result = run({ "history", folder });
        QVERIFY2(result.exitCode == 1, result.err.constData());
        QVERIFY2(result.out.contains("zz-pool.json: a pool run, not cache"), result.out.constData());
    }

    void badInputExitsWithTwoAndSaysWhat_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString good = m_directory.filePath(QStringLiteral("good.json"));
        std::mt19937_64 random(1);
        QString error;
        QVERIFY(writeProfileRunFile(syntheticCacheRun(0, 0.8, 100, 1000, random), good, &error));
        const QString broken = m_directory.filePath(QStringLiteral("broken.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": ");
        file.close();
        const QString empty = m_directory.filePath(QStringLiteral("empty-folder"));
        QDir().mkpath(empty);
        QTest::newRow("no files") << QStringList {} << "name the run files";
        QTest::newRow("one run") << QStringList { good } << "at least two runs";
        QTest::newRow("missing") << QStringList { good, "/nonexistent/run.json" } << "/nonexistent/run.json";
        QTest::newRow("broken") << QStringList { good, broken } << "broken.json";
        QTest::newRow("empty folder") << QStringList { empty } << "holds no .json run files";
        QTest::newRow("segment") << QStringList { good, good, "--min-segment", "1" } << "--min-segment";
        QTest::newRow("p-value") << QStringList { good, good, "--p-value", "NaN" } << "--p-value";
        QTest::newRow("change") << QStringList { good, good, "--min-change", "-3" } << "--min-change";
    }

    void badInputExitsWithTwoAndSaysWhat()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const BinaryRun result = run(QStringList { "history" } + arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
