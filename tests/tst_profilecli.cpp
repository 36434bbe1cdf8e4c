#include "BinaryRun.h"
#include "HeadlessTestMain.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

// `perfdash profile` and `perfdash compare` as a CI job runs them: files, output and exit codes.
class TestProfileCli : public QObject {
    Q_OBJECT

    using Result = BinaryRun;

    static Result run(const QStringList& arguments) { return runBinary(QStringLiteral(PERFDASH_BINARY), arguments); }

    QTemporaryDir m_directory;

    QString path(const char* name) const { return m_directory.filePath(QLatin1String(name)); }

    Result profileCache(const char* out, int capacity)
    {
        return run({ "profile", "--component", "cache", "--set", "ops=20000", "--set", "keys=5000", "--set",
            "miss_latency_us=0", "--set", QStringLiteral("capacity=%1").arg(capacity), "--repetitions", "9", "--out",
            path(out) });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        const Result base = profileCache("base.json", 500);
        QVERIFY2(base.exitCode == 0, base.err.constData());
        QVERIFY(base.out.contains("Hit ratio"));
        QVERIFY(base.err.contains("repetition 9/9"));
        const Result small = profileCache("small.json", 20);
        QVERIFY2(small.exitCode == 0, small.err.constData());
    }

    void comparingARunWithItselfPasses()
    {
        const Result result = run({ "compare", path("base.json"), path("base.json") });
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("no detectable change"));
        QVERIFY(!result.out.contains("significant"));
        QVERIFY(result.out.contains("result: no regression"));
    }

    void aMuchSmallerCacheFailsTheGate()
    {
        const Result result = run({ "compare", path("base.json"), path("small.json"), "--alpha", "0.01" });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains("worse, significant  ← regression"), result.out.constData());
        QVERIFY(result.out.contains("parameter capacity: 500 → 20"));
        QVERIFY(result.out.contains("result: regression"));
        // The other way round the hit ratio improved.
        const Result reverse = run({ "compare", path("small.json"), path("base.json") });
        QVERIFY(reverse.out.contains("better, significant"));
    }

    void everyComponentProfilesHeadless()
    {
        for (const QStringList& arguments : { QStringList { "limiter", "duration_ms=50" },
                 QStringList { "retry", "clients=20" }, QStringList { "pool", "tasks=200" } }) {
            const Result result
                = run({ "profile", "--component", arguments[0], "--set", arguments[1], "--repetitions", "2" });
            QVERIFY2(result.exitCode == 0, result.err.constData());
            QVERIFY2(
                result.out.startsWith(arguments[0].toUtf8() + " (median of 2 repetitions)"), result.out.constData());
        }
    }

    void theShippedTraceReplaysAndABadOneIsNamed()
    {
        const QString shipped = QStringLiteral(PERFDASH_RESOURCES "/traces/agent-cache-trace.csv.gz");
        const Result result = run({ "profile", "--component", "cache", "--set", "trace=" + shipped, "--set",
            "miss_latency_us=0", "--set", "policy=s3fifo", "--repetitions", "2", "--out", path("trace.json") });
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY(result.out.contains("Bélády optimal hit ratio"));
        QFile saved(path("trace.json"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("agent-cache-trace.csv.gz"));

        const Result bad = run({ "profile", "--component", "cache", "--set", "trace=" + path("nothing.txt") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("nothing.txt: no such file"), bad.err.constData());
    }

    void aTwoTierRunReportsEachTierAndADownRedisIsNoted()
    {
        const Result result = run({ "profile", "--component", "cache", "--set", "redis=private", "--set", "ops=20000",
            "--set", "miss_latency_us=0", "--set", "redis_timeout_ms=5000", "--repetitions", "2", "--out",
            path("two-tier.json") });
        QVERIFY2(result.exitCode == 0, result.err.constData());
        for (const char* label : { "L2 hit ratio (Redis)", "Hit ratio, L1 + L2", "Redis commands", "Redis errors",
                 "Redis peak memory (INFO memory)" })
            QVERIFY2(result.out.contains(label), label);
        QVERIFY2(!result.err.contains("note:"), result.err.constData());

        // Nothing listens on port 1: the run still finishes on the backend, and says why Redis did not help.
        const Result down = run({ "profile", "--component", "cache", "--set", "redis=redis://127.0.0.1:1", "--set",
            "ops=5000", "--set", "miss_latency_us=0", "--repetitions", "1", "--out", path("redis-down.json") });
        QVERIFY2(down.exitCode == 0, down.err.constData());
        QVERIFY2(down.err.contains("perfdash profile: note: repetition 1:")
                && down.err.contains("Redis at 127.0.0.1:1/0: Connection refused"),
            down.err.constData());
        QFile saved(path("redis-down.json"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("\"notes\""));
    }

    void aCapacitySweepDrawsEveryPolicyAgainstTheOptimum()
    {
        const Result result = run({ "sweep", "--component", "cache", "--sweep", "capacity=50..2000:log:4", "--series",
            "policy=lru,tinylfu,sieve,s3fifo", "--set", "ops=20000", "--set", "keys=5000", "--set", "miss_latency_us=0",
            "--set", "threads=1", "--repetitions", "2", "--out", path("sweep.json"), "--csv", path("sweep.csv") });
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY(result.err.contains("point 16/16 done"));
        QVERIFY2(result.out.contains("Miss-ratio curve"), result.out.constData());
        QVERIFY(result.out.contains("policy=s3fifo"));
        QFile file(path("sweep.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json["format"].toString(), QStringLiteral("perfdash-sweep"));
        const QJsonArray curves = json["curves"].toArray();
        QCOMPARE(curves.size(), 4);
        for (const QJsonValue curve : curves) {
            const QJsonArray points = curve["points"].toArray();
            QCOMPARE(points.size(), 4);
            double previous = -1;
            for (const QJsonValue point : points) {
                const double hit = point["figures"]["hit_ratio"]["median"].toDouble();
                const double optimal = point["figures"]["belady_hit_ratio"]["median"].toDouble();
                QVERIFY2(hit <= optimal + 1e-12, qPrintable(curve["series_value"].toString()));
                QVERIFY(hit > previous); // a bigger cache hits more
                previous = hit;
            }
        }
        QFile csv(path("sweep.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readAll().contains("s3fifo,capacity,2000,hit_ratio,"));
    }

    void anInterruptedSweepKeepsItsFinishedPoints()
    {
        QProcess sweep;
        sweep.start(QStringLiteral(PERFDASH_BINARY),
            { "sweep", "--component", "pool", "--sweep", "tasks=100..200:lin:50", "--set", "mean_us=2000",
                "--repetitions", "2", "--out", path("cut.json") });
        QVERIFY(sweep.waitForStarted());
        const QByteArray seen = readOutputUntil(
            sweep, QProcess::StandardError, [](const QByteArray& text) { return text.contains("point 2/50 done"); },
            30000);
        QVERIFY2(seen.contains("point 2/50 done"), seen.constData());
        ::kill(pid_t(sweep.processId()), SIGINT);
        QVERIFY(sweep.waitForFinished(30000));
        QCOMPARE(sweep.exitCode(), 1);
        QFile file(path("cut.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(json["cancelled"].toBool());
        QVERIFY(json["curves"][0]["points"].toArray().size() >= 2);
    }

    void aBadSweepExitsWithTwo()
    {
        for (const QStringList& arguments : { QStringList { "sweep", "--component", "cache" },
                 QStringList { "sweep", "--component", "cache", "--sweep", "capacity=9..1" },
                 QStringList { "sweep", "--component", "cache", "--sweep", "capacity=10..20", "--series", "zipf=1,2" },
                 QStringList { "sweep", "--component", "cache", "--sweep", "capacity=10..20", "--repetitions", "0" },
                 QStringList { "sweep", "--component", "cache", "--sweep", "capacity=10..20", "--set",
                     "trace=/nonexistent/keys.txt" } }) {
            const Result result = run(arguments);
            QVERIFY2(result.exitCode == 2, qPrintable(arguments.join(u' ')));
            QVERIFY(result.err.startsWith("perfdash sweep: "));
        }
    }

    void metricsPortPrintsWhereToScrape()
    {
        const Result result = run({ "profile", "--component", "retry", "--repetitions", "1", "--metrics-port", "0" });
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.err.startsWith("metrics: http://127.0.0.1:"));
    }

    void badInputExitsWithTwoAndSaysWhat_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown parameter") << QStringList { "profile", "--component", "cache", "--set", "size=3" }
                                           << "perfdash profile: unknown parameter \"size\" for component cache";
        QTest::addRow("bad value") << QStringList { "profile", "--component", "pool", "--set", "workers=0" }
                                   << "perfdash profile: \"workers\" takes a whole number from 1 to 256, not \"0\"";
        QTest::addRow("bad redis") << QStringList { "profile", "--component", "cache", "--set", "redis=localhost:6379" }
                                   << "perfdash profile: \"redis\" takes nothing (one tier), \"private\"";
        QTest::addRow("redis password in the URL") << QStringList { "profile", "--component", "cache", "--set",
            "redis=redis://u:pw@127.0.0.1" } << "perfdash profile: \"redis\" takes nothing (one tier)";
        QTest::addRow("no component") << QStringList { "profile" }
                                      << "perfdash profile: --component must be one of cache, limiter, retry, pool";
        QTest::addRow("bad repetitions") << QStringList { "profile", "--component", "cache", "--repetitions", "x" }
                                         << "perfdash profile: --repetitions takes a whole number";
        QTest::addRow("one file") << QStringList { "compare", "a.json" }
                                  << "perfdash compare: expected two files, BASE.json and NEW.json; got 1";
        QTest::addRow("missing file") << QStringList { "compare", "/nonexistent/a.json", "/nonexistent/b.json" }
                                      << "perfdash compare: /nonexistent/a.json: cannot read:";
        QTest::addRow("bad alpha") << QStringList { "compare", "a", "b", "--alpha", "2" }
                                   << "perfdash compare: --alpha takes a number between 0 and 1";
    }

    void badInputExitsWithTwoAndSaysWhat()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Result result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith(message.toUtf8()), result.err.constData());
    }

    void aBadJsonFileExitsWithTwo()
    {
        QFile bad(path("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(
            R"({"format":"perfdash-profile-run","version":1,"component":"cache","repetitions":[{"metrics":{"hit_ratio":"x"}}]})");
        bad.close();
        const Result result = run({ "compare", path("base.json"), path("bad.json") });
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err.trimmed(),
            (QStringLiteral("perfdash compare: %1: repetitions[0].metrics.hit_ratio: expected a number, \"NaN\", \"+Inf\" or \"-Inf\", got the string \"x\"")
                    .arg(path("bad.json")))
                .toUtf8());
        const Result other = run({ "compare", path("base.json"), path("nothing.json") });
        QCOMPARE(other.exitCode, 2);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestProfileCli)
#include "tst_profilecli.moc"
