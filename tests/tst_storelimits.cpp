#include "GeneratedSeries.h"
#include "HeadlessTestMain.h"
#include "TimeSeriesStore.h"

#include <QTest>

using namespace perfdash;
using namespace perfdash::generated;

// The store's limits: time retention, the memory budget, and the series limits with the refusals they name.
class TestStoreLimits : public QObject {
    Q_OBJECT

private slots:
    void timeRetention_data()
    {
        QTest::addColumn<qint64>("retentionMs");
        QTest::addColumn<int>("evictedChunks");

        // 10 sealed chunks of 1024 samples 1 s apart, plus 5 open samples; newest is sample 10244.
        // Chunk c ends at sample 1024 c + 1023 and goes when that is before 10244 - retention / 1000.
        QTest::addRow("zero retention keeps only the open chunk") << qint64(0) << 10;
        QTest::addRow("3584 samples") << qint64(3584 * 1000) << 6;
        QTest::addRow("chunk end exactly at the cutoff stays") << qint64((10244 - 1023) * 1000) << 0;
        QTest::addRow("one ms less drops it") << qint64((10244 - 1023) * 1000 - 1) << 1;
        QTest::addRow("a day keeps everything") << qint64(24 * 3600 * 1000) << 0;
    }

    void timeRetention()
    {
        QFETCH(qint64, retentionMs);
        QFETCH(int, evictedChunks);
        StoreLimits limits = unlimited();
        limits.retentionMs = retentionMs;
        TimeSeriesStore store(limits);
        const std::size_t n = 10 * chunkSize + 5;
        SeriesData data;
        for (std::size_t i = 0; i < n; ++i) {
            data.timestamps.push_back(1'700'000'000'000 + qint64(i) * 1000);
            data.values.push_back(double(i % 17));
        }
        appendInPieces(store, QStringLiteral("m"), data, 11);
        const std::uint64_t evicted = std::uint64_t(evictedChunks) * chunkSize;
        QCOMPARE(store.stats().evictedSamples, evicted);
        QCOMPARE(store.stats().retainedSamples, std::uint64_t(n) - evicted);
        const std::vector<LatestSample> left = store.samples(QStringLiteral("m"), minTimestamp, maxTimestamp);
        QCOMPARE(left.size(), n - evicted);
        QCOMPARE(left.front().timestampMs, data.timestamps[evicted]);
    }

    void memoryBudget_data()
    {
        QTest::addColumn<int>("chunksOverBudget");
        QTest::addColumn<int>("evictedFromA");
        QTest::addColumn<int>("evictedFromB");

        // Oldest chunk first across series: A's chunks end before B's of the same index.
        QTest::addRow("within budget") << 0 << 0 << 0;
        QTest::addRow("one chunk over") << 1 << 1 << 0;
        QTest::addRow("three chunks over") << 3 << 2 << 1;
        QTest::addRow("budget below the open chunks: every sealed chunk goes") << 100 << 4 << 4;
    }

    void memoryBudget()
    {
        QFETCH(int, chunksOverBudget);
        QFETCH(int, evictedFromA);
        QFETCH(int, evictedFromB);
        // Identical chunks (regular time, repeating values) so every chunk costs the same bytes.
        auto series = [](qint64 offset, std::size_t chunks) {
            SeriesData data;
            for (std::size_t i = 0; i < chunks * chunkSize + 1; ++i) {
                data.timestamps.push_back(offset + qint64(i) * 1000);
                data.values.push_back(double(i % 8) / 4.0);
            }
            return data;
        };
        auto bothSeries = [&](std::size_t chunks) {
            SampleBatch batch = toBatch("a", {}, series(0, chunks));
            const SampleBatch b = toBatch("b", {}, series(512 * 1000, chunks));
            batch.insert(batch.end(), b.begin(), b.end());
            return batch;
        };
        auto bytesWith = [&](std::size_t chunks) {
            TimeSeriesStore store(unlimited());
            store.append(bothSeries(chunks));
            return store.stats().encodedBytes;
        };
        const std::size_t full = bytesWith(4);
        const std::size_t chunkBytes = (full - bytesWith(3)) / 2;
        QCOMPARE(full - bytesWith(2), 4 * chunkBytes); // chunks really are the same size

        StoreLimits limits = unlimited();
        limits.memoryBudgetBytes = chunksOverBudget >= 8 ? 0 : full - std::size_t(chunksOverBudget) * chunkBytes;
        TimeSeriesStore store(limits);
        const AppendResult result = store.append(bothSeries(4));
        QCOMPARE(result.stored, 2 * (4 * chunkSize + 1));
        const std::uint64_t evicted = std::uint64_t(evictedFromA + evictedFromB) * chunkSize;
        QCOMPARE(store.stats().evictedSamples, evicted);
        QCOMPARE(store.stats().retainedSamples, 2 * (4 * chunkSize + 1) - evicted);
        if (chunksOverBudget < 8)
            QVERIFY(store.stats().encodedBytes <= limits.memoryBudgetBytes);
        const auto a = store.samples("a", minTimestamp, maxTimestamp);
        const auto b = store.samples("b", minTimestamp, maxTimestamp);
        QCOMPARE(a.size(), 4 * chunkSize + 1 - std::size_t(evictedFromA) * chunkSize);
        QCOMPARE(b.size(), 4 * chunkSize + 1 - std::size_t(evictedFromB) * chunkSize);
        QCOMPARE(a.front().timestampMs, qint64(evictedFromA) * qint64(chunkSize) * 1000);
        QCOMPARE(b.front().timestampMs, 512 * 1000 + qint64(evictedFromB) * qint64(chunkSize) * 1000);
    }

    void maxSeries()
    {
        StoreLimits limits = unlimited();
        limits.maxSeries = 3;
        TimeSeriesStore store(limits);
        SampleBatch batch;
        for (qint64 t = 1; t <= 2; ++t) {
            for (int s = 0; s < 5; ++s)
                batch.push_back({ "m", { { "s", QString::number(s) } }, t, 1.0 });
        }
        AppendResult result = store.append(batch);
        QCOMPARE(result.stored, std::size_t(6));
        QCOMPARE(result.rejectedSeriesLimit, std::size_t(4));
        // Series are admitted in order of first appearance.
        QCOMPARE(store.seriesForMetric("m").size(), 3);
        QCOMPARE(store.seriesForMetric("m").last().key, QStringLiteral(R"(m{s="2"})"));

        result = store.append(
            { { "m", { { "s", "0" } }, 3, 1.0 }, { "m", { { "s", "4" } }, 3, 1.0 }, { "n", {}, 3, 1.0 } });
        QCOMPARE(result.stored, std::size_t(1));
        QCOMPARE(result.rejectedSeriesLimit, std::size_t(2));
        const StoreStats stats = store.stats();
        QCOMPARE(stats.seriesCount, std::size_t(3));
        QCOMPARE(stats.rejectedSeriesLimit, std::uint64_t(6));
        QCOMPARE(stats.storedTotal, std::uint64_t(7));
        QVERIFY(!store.latest("n"));
    }

    // A request-id label explodes one metric: its series stop at the per-metric limit, the other metrics
    // are still stored, and the refusal names the metric, the limit and the label to blame.
    void perMetricLimitNamesTheLabelThatExploded()
    {
        StoreLimits limits = unlimited();
        limits.maxSeriesPerMetric = 100;
        limits.maxSeries = 1000;
        TimeSeriesStore store(limits);
        SampleBatch batch;
        for (int id = 0; id < 250; ++id)
            batch.push_back({ "api_latency_seconds",
                { { "endpoint", id % 2 ? "/a" : "/b" }, { "id", QString::number(id) } }, 1, 0.5 });
        batch.push_back({ "cache_hit_ratio", {}, 1, 0.8 });
        const AppendResult result = store.append(batch);
        QCOMPARE(result.stored, std::size_t(101));
        QCOMPARE(result.rejectedSeriesLimit, std::size_t(150));
        QCOMPARE(store.seriesKeys("api_latency_seconds").size(), 100);
        QVERIFY(store.latest("cache_hit_ratio"));

        const StoreStats stats = store.stats();
        QCOMPARE(stats.cardinality.size(), 1);
        const CardinalityRejection& rejection = stats.cardinality.first();
        QCOMPARE(rejection.metric, QStringLiteral("api_latency_seconds"));
        QCOMPARE(rejection.label, QStringLiteral("id"));
        QCOMPARE(rejection.labelValues, std::size_t(100));
        QCOMPARE(rejection.describe(),
            QStringLiteral(
                "api_latency_seconds: 100-series limit reached; label \"id\" has 100 values; 150 samples refused"));

        // Counted again as more arrive; the store-wide limit speaks for itself.
        store.append({ { "api_latency_seconds", { { "id", "x" } }, 2, 1.0 } });
        QCOMPARE(store.stats().cardinality.first().rejectedSamples, std::uint64_t(151));
    }

    void storeWideLimitIsNamedAsSuch()
    {
        StoreLimits limits = unlimited();
        limits.maxSeries = 2;
        TimeSeriesStore store(limits);
        store.append({ { "a", {}, 1, 1.0 }, { "b", {}, 1, 1.0 }, { "c", {}, 1, 1.0 } });
        const StoreStats stats = store.stats();
        QCOMPARE(stats.cardinality.size(), 1);
        QCOMPARE(stats.cardinality.first().describe(),
            QStringLiteral("c: store-wide 2-series limit reached; 1 samples refused"));
    }

    // 100,000 series of one metric in one batch: refused past the limit in linear time, nothing lost
    // unsaid (the ctest timeout guards against a quadratic path).
    void hundredThousandSeriesInOneBatch()
    {
        TimeSeriesStore store; // the default limits
        SampleBatch batch;
        batch.reserve(100'000);
        for (int id = 0; id < 100'000; ++id)
            batch.push_back({ "m", { { "request_id", QString::number(id) } }, 1, 1.0 });
        const AppendResult result = store.append(batch);
        const StoreLimits limits = store.limits();
        QCOMPARE(result.stored, limits.maxSeriesPerMetric);
        QCOMPARE(result.stored + result.rejectedSeriesLimit, batch.size());
        QCOMPARE(store.stats().cardinality.first().label, QStringLiteral("request_id"));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestStoreLimits)
#include "tst_storelimits.moc"
