#include "HeadlessTestMain.h"
#include "OfflineCacheSimulator.h"
#include "ProfileEngine.h"
#include "ProfilingMetrics.h"
#include "RunComparison.h"
#include "ZipfGenerator.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace perfdash;
using Overrides = QMap<QString, QString>;

// Workloads and the run engine with small parameters, the offline cache references, and the metrics.
class TestProfileEngine : public QObject {
    Q_OBJECT

    static ProfileSettings settings(const QString& component, const QMap<QString, QString>& overrides)
    {
        QString error;
        const auto made = ProfileSettings::make(component, overrides, &error);
        if (!made)
            qFatal("%s", qPrintable(error));
        return *made;
    }

    static const QMap<QString, QString> smallCache()
    {
        return { { "ops", "20000" }, { "keys", "5000" }, { "capacity", "500" }, { "miss_latency_us", "0" },
            { "threads", "2" } };
    }

private Q_SLOTS:
    void offlineReferencesOnATextbookTrace()
    {
        // The page-replacement example of Silberschatz et al., 3 frames: LRU 12 faults, OPT 9.
        const std::vector<std::uint32_t> trace { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1 };
        QCOMPARE(OfflineCacheSimulator::lruHitRatio(trace, 3), 8.0 / 20.0);
        QCOMPARE(OfflineCacheSimulator::beladyHitRatio(trace, 3, false), 11.0 / 20.0);
        // An optimum that may also decline to store a key saves one more fault on this trace.
        QCOMPARE(OfflineCacheSimulator::beladyHitRatio(trace, 3, true), 12.0 / 20.0);
        // Writes store keys but are not counted.
        const std::uint32_t w = OfflineCacheSimulator::writeBit;
        QCOMPARE(OfflineCacheSimulator::lruHitRatio({ 1 | w, 1, 2, 2 | w, 2 }, 1), 2.0 / 3.0);
    }

    void beladyBoundsLruOnZipfTraces()
    {
        const ZipfGenerator zipf(2000, 0.9);
        std::mt19937_64 random(3);
        std::vector<std::uint32_t> trace(20000);
        for (std::uint32_t& key : trace)
            key = zipf.next(random);
        for (std::size_t capacity : { 10, 100, 500 }) {
            const double lru = OfflineCacheSimulator::lruHitRatio(trace, capacity);
            const double optimal = OfflineCacheSimulator::beladyHitRatio(trace, capacity);
            QVERIFY2(optimal > lru, qPrintable(QStringLiteral("%1 %2").arg(optimal).arg(lru)));
        }
    }

    // Replayed on one thread, the live cache sees the trace in the offline references' order: no policy may
    // beat Bélády's optimum, and on a Zipf trace the three that resist one-time keys beat LRU.
    void everyPolicyStaysBelowTheOptimum()
    {
        for (const char* policy : { "lru", "tinylfu", "sieve", "s3fifo" }) {
            Overrides overrides = smallCache();
            overrides.insert("threads", "1");
            overrides.insert("read_ratio", "1");
            overrides.insert("policy", policy);
            std::atomic<bool> cancel { false };
            const ProfileRun run = ProfileEngine().run(settings("cache", overrides), 1, cancel, {});
            const auto& m = run.repetitions[0].metrics;
            const QString figures = QStringLiteral("%1: hit %2, LRU %3, Bélády %4")
                                        .arg(policy)
                                        .arg(m["hit_ratio"])
                                        .arg(m["lru_hit_ratio_offline"])
                                        .arg(m["belady_hit_ratio"]);
            QVERIFY2(m["hit_ratio"] <= m["belady_hit_ratio"] + 1e-12, qPrintable(figures));
            if (QByteArray(policy) == "lru")
                QVERIFY2(std::abs(m["hit_ratio"] - m["lru_hit_ratio_offline"]) < 1e-12, qPrintable(figures));
            else
                QVERIFY2(m["hit_ratio"] > m["lru_hit_ratio_offline"] + 0.02, qPrintable(figures));
        }
        QString error;
        QVERIFY(!ProfileSettings::make("cache", { { "policy", "fifo" } }, &error));
        QVERIFY2(error.contains("s3fifo") && error.contains("sieve"), qPrintable(error));
    }

    // A trace's own times drive the TTL: a key read again after its TTL in trace time misses, however fast
    // the replay runs; offline LRU (which knows no TTL) hits.
    void aTracesTimesExpireEntriesInTraceTime()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("times.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("timestamp,key\n0,a\n10,a\n100,a\n101,b\n102,b\n");
        file.close();
        Overrides overrides = smallCache();
        overrides.insert("threads", "1");
        overrides.insert("ttl_ms", "60000");
        overrides.insert("trace", path);
        std::atomic<bool> cancel { false };
        const ProfileRun run = ProfileEngine().run(settings("cache", overrides), 1, cancel, {});
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        const auto& m = run.repetitions[0].metrics;
        // a: miss, hit (10 s later), miss (90 s after its store); b: miss, hit.
        QCOMPARE(m["hit_ratio"], 2.0 / 5.0);
        QCOMPARE(m["lru_hit_ratio_offline"], 3.0 / 5.0);
    }

    void anUnreadableTraceEndsTheRunWithTheReason()
    {
        Overrides overrides = smallCache();
        overrides.insert("trace", "/nonexistent/keys.txt");
        std::atomic<bool> cancel { false };
        const ProfileRun run = ProfileEngine().run(settings("cache", overrides), 3, cancel, {});
        QVERIFY(run.repetitions.isEmpty());
        QCOMPARE(run.error, QStringLiteral("/nonexistent/keys.txt: no such file"));
    }

    void everyComponentRunsAndReports_data()
    {
        QTest::addColumn<QString>("component");
        QTest::addColumn<Overrides>("overrides");
        QTest::addColumn<QStringList>("metrics");
        QTest::addRow("cache") << "cache" << smallCache()
                               << QStringList { "throughput_ops_per_s", "latency_p99_us", "hit_ratio",
                                      "lru_hit_ratio_offline", "belady_hit_ratio", "peak_memory_bytes" };
        QTest::addRow("limiter") << "limiter" << Overrides { { "duration_ms", "200" } }
                                 << QStringList { "throughput_ops_per_s", "admitted_per_s", "admitted_rate_accuracy",
                                        "latency_p50_us" };
        QTest::addRow("retry") << "retry" << Overrides { { "clients", "50" } }
                               << QStringList { "total_calls", "completion_ms", "failed_clients", "latency_p95_us" };
        QTest::addRow("pool") << "pool" << Overrides { { "tasks", "300" }, { "mean_us", "20" } }
                              << QStringList { "throughput_ops_per_s", "latency_p95_us", "queue_wait_p95_us",
                                     "rejected_tasks" };
    }

    void everyComponentRunsAndReports()
    {
        QFETCH(QString, component);
        QFETCH(Overrides, overrides);
        QFETCH(QStringList, metrics);
        std::atomic<bool> cancel { false };
        int finished = 0;
        ProfileEngine::Callbacks callbacks;
        callbacks.repetitionFinished = [&](const RepetitionResult&) { ++finished; };
        const ProfileRun run = ProfileEngine().run(settings(component, overrides), 2, cancel, callbacks);
        QCOMPARE(run.repetitions.size(), 2);
        QCOMPARE(finished, 2);
        QVERIFY(!run.cancelled);
        for (const QString& metric : metrics) {
            QVERIFY2(run.repetitions[1].metrics.contains(metric), qPrintable(metric));
            QVERIFY2(std::isfinite(run.repetitions[1].metrics.value(metric)), qPrintable(metric));
        }
        const auto& m = run.repetitions[0].metrics;
        if (component == u"cache") {
            QVERIFY(m["hit_ratio"] > 0.2 && m["hit_ratio"] < 1);
            QVERIFY(m["belady_hit_ratio"] >= m["lru_hit_ratio_offline"]);
        } else if (component == u"limiter") {
            // Offered 20000/s against 10000/s + 100: it grants what it may, and never more.
            QVERIFY2(m["admitted_rate_accuracy"] > 0.8 && m["admitted_rate_accuracy"] <= 1.0,
                qPrintable(QString::number(m["admitted_rate_accuracy"])));
        } else if (component == u"retry") {
            QVERIFY(m["total_calls"] >= 50);
        } else if (component == u"pool") {
            QCOMPARE(m["rejected_tasks"], 0.0);
        }
    }

    void jitterBeatsNoJitterOnTotalCalls()
    {
        // The AWS study's result, reproduced by the simulation: without jitter clients collide in lockstep.
        std::atomic<bool> cancel { false };
        const QMap<QString, QString> common { { "clients", "100" }, { "max_attempts", "50" } };
        auto none = common;
        none.insert("jitter", "none");
        auto full = common;
        full.insert("jitter", "full");
        const ProfileRun lockstep = ProfileEngine().run(settings("retry", none), 3, cancel);
        const ProfileRun jittered = ProfileEngine().run(settings("retry", full), 3, cancel);
        QVERIFY2(jittered.median("total_calls") < lockstep.median("total_calls"),
            qPrintable(
                QStringLiteral("%1 vs %2").arg(jittered.median("total_calls")).arg(lockstep.median("total_calls"))));
    }

    void aMuchSmallerCacheIsASignificantHitRatioRegression()
    {
        std::atomic<bool> cancel { false };
        const ProfileRun base = ProfileEngine().run(settings("cache", smallCache()), 10, cancel);
        auto smaller = smallCache();
        smaller.insert("capacity", "20");
        const ProfileRun candidate = ProfileEngine().run(settings("cache", smaller), 10, cancel);
        QString error;
        const auto comparison = RunComparison::compare(base, candidate, 0.05, &error);
        QVERIFY2(comparison, qPrintable(error));
        const auto hit = std::find_if(comparison->rows().begin(), comparison->rows().end(),
            [](const MetricComparison& row) { return row.metric.name == u"hit_ratio"; });
        QVERIFY(hit != comparison->rows().end());
        QCOMPARE(hit->verdict, QStringLiteral("worse, significant"));
        QVERIFY(hit->regression);
        QVERIFY(hit->pValue < 1e-4);
        QVERIFY(comparison->hasRegression());
    }

    void cancelStopsSoonAndKeepsFinishedRepetitions()
    {
        std::atomic<bool> cancel { false };
        auto slow = smallCache();
        slow.insert("duration_ms", "60000");
        ProfileEngine::Callbacks callbacks;
        int reports = 0;
        callbacks.progress = [&](const ProfileProgress&) {
            if (++reports == 3)
                cancel = true;
        };
        QElapsedTimer clock;
        clock.start();
        const ProfileRun run = ProfileEngine().run(settings("cache", slow), 5, cancel, callbacks);
        QVERIFY(run.cancelled);
        QVERIFY(run.repetitions.isEmpty());
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    }

    void progressComesAtMostTenTimesASecond()
    {
        std::atomic<bool> cancel { false };
        auto timed = smallCache();
        timed.insert("duration_ms", "700");
        timed.insert("miss_latency_us", "20");
        std::vector<ProfileProgress> reports;
        ProfileEngine::Callbacks callbacks;
        callbacks.progress = [&](const ProfileProgress& progress) { reports.push_back(progress); };
        QElapsedTimer clock;
        clock.start();
        ProfileEngine().run(settings("cache", timed), 1, cancel, callbacks);
        const double seconds = double(clock.elapsed()) / 1000.0;
        QVERIFY(reports.size() >= 5);
        QVERIFY2(double(reports.size()) <= seconds * 10 + 2, qPrintable(QString::number(reports.size())));
        QVERIFY(reports.back().fraction > 0.95);
        QVERIFY(reports[2].hitRatio > 0 && reports[2].hitRatio < 1);
        QVERIFY(reports[2].throughput > 0);
        QVERIFY(reports[2].p95Us >= reports[2].p50Us);
    }

    void metricsAreServedOnLoopback()
    {
        ProfilingMetrics metrics;
        CacheStats cacheStats;
        cacheStats.hits = 7;
        cacheStats.misses = 3;
        const int cache = metrics.addCache("profile", [&] { return cacheStats; });
        metrics.addPool("profile", [] { return PoolStats { 2, 1, 10, 1, 8, 0, 500'000'000, 0, 0 }; });
        const std::string text = metrics.scrapeText();
        QVERIFY(text.find("perfdash_cache_requests_total{cache=\"profile\",result=\"hit\"} 7") != std::string::npos);
        QVERIFY(text.find("perfdash_pool_queue_depth{pool=\"profile\"} 2") != std::string::npos);
        QVERIFY(text.find("perfdash_pool_task_wait_seconds_total{pool=\"profile\"} 0.5") != std::string::npos);
        metrics.remove(cache);
        QVERIFY(metrics.scrapeText().find("perfdash_cache") == std::string::npos);

        QString error;
        QVERIFY2(metrics.expose(0, &error), qPrintable(error));
        QVERIFY(metrics.port() != 0);
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(metrics.port())));
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(reply->readAll().contains("perfdash_pool_tasks_total{pool=\"profile\",result=\"completed\"} 8"));

        ProfilingMetrics second;
        QVERIFY(!second.expose(metrics.port(), &error)); // taken
        QVERIFY2(error.contains(QStringLiteral("127.0.0.1:%1").arg(metrics.port())), qPrintable(error));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestProfileEngine)
#include "tst_profileengine.moc"
