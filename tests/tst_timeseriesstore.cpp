#include "GeneratedSeries.h"
#include "GorillaCodec.h"
#include "HeadlessTestMain.h"
#include "SealedChunk.h"
#include "TimeSeriesStore.h"

#include <QTest>
#include <atomic>
#include <random>
#include <thread>

using namespace perfdash;
using namespace perfdash::generated;

// TimeSeriesStore: its series index and labels, bytes per sample on demo data, and appends racing reads.
class TestTimeSeriesStore : public QObject {
    Q_OBJECT

private slots:
    void bytesPerSampleOnDemoData()
    {
        // Demo-like: the five dashboard series at 250 ms, values at the precision exporters print.
        TimeSeriesStore store(unlimited());
        std::mt19937_64 random(2024);
        std::normal_distribution<double> noise(0.0, 1.0);
        const std::size_t n = 40 * chunkSize;
        const qint64 start = 1'764'160'000'000;
        const struct {
            const char* metric;
            double level;
            double wobble;
            double noise;
            double scale; // value = round(raw * scale) / scale
        } series[] = {
            { "http_request_duration_seconds:p95", 1.8, 0.15, 0.02, 1000 },
            { "agent_execution_seconds:mean", 27.0, 3.0, 0.5, 1000 }, { "cache_hit_ratio", 0.72, 0.05, 0.005, 10000 },
            { "llm_request_duration_seconds:mean", 2.6, 0.2, 0.05, 1000 },
            { "process_resident_memory_bytes", 420e6, 40e6, 1e5, 1.0 / 4096 }, // whole pages
        };
        std::size_t gorillaWords = 0;
        std::size_t sealedBytes = 0;
        for (const auto& s : series) {
            SeriesData data;
            for (std::size_t i = 0; i < n; ++i) {
                const double raw = s.level + s.wobble * std::sin(double(i) / 2000.0) + s.noise * noise(random);
                data.timestamps.push_back(start + qint64(i) * 250);
                data.values.push_back(std::round(raw * s.scale) / s.scale);
            }
            store.append(toBatch(s.metric, {}, data));
            for (std::size_t first = 0; first + chunkSize <= n; first += chunkSize) {
                std::vector<std::uint64_t> words;
                GorillaCodec::encode(data.timestamps.data() + first, data.values.data() + first, chunkSize, words);
                gorillaWords += words.size();
                sealedBytes += SealedChunk::seal(data.timestamps.data() + first, data.values.data() + first, chunkSize)
                                   .byteSize();
            }
        }
        const StoreStats stats = store.stats();
        const double bytesPerSample = double(stats.encodedBytes) / double(stats.retainedSamples);
        const double gorillaBytesPerSample = double(gorillaWords * 8) / double(std::size(series) * n);
        const double sealedBytesPerSample = double(sealedBytes) / double(std::size(series) * n);
        qInfo("demo-like data: %.3f bytes/sample over %llu samples, all counted (raw open chunks, summaries, series "
              "overhead); sealed chunks alone %.3f; plain Gorilla encoding would take %.3f",
            bytesPerSample, static_cast<unsigned long long>(stats.retainedSamples), sealedBytesPerSample,
            gorillaBytesPerSample);
        QVERIFY2(bytesPerSample < 16.0, qPrintable(QString::number(bytesPerSample)));
    }

    void seriesIndexAndLabels()
    {
        TimeSeriesStore store(unlimited());
        const AppendResult result = store.append({
            { "latency", { { "path", "/b" }, { "method", "GET" } }, 1, 0.5 },
            // Same label set in another order, and a duplicate name where the last wins.
            { "latency", { { "method", "GET" }, { "path", "/x" }, { "path", "/b" } }, 2, 0.7 },
            { "latency", { { "path", "/a" } }, 1, 0.1 },
            { "errors", {}, 1, 3.0 },
        });
        QCOMPARE(result.stored, std::size_t(4));
        QCOMPARE(store.metricNames(), (QStringList { "errors", "latency" }));
        const QList<SeriesInfo> latency = store.seriesForMetric("latency");
        QCOMPARE(latency.size(), 2);
        QCOMPARE(latency[0].key, QStringLiteral(R"(latency{method="GET",path="/b"})"));
        QCOMPARE(latency[0].labels, (Labels { { "method", "GET" }, { "path", "/b" } }));
        QCOMPARE(latency[1].key, QStringLiteral(R"(latency{path="/a"})"));
        QCOMPARE(store.samples(latency[0].key, minTimestamp, maxTimestamp).size(), std::size_t(2));
        QCOMPARE(store.latest(latency[0].key)->value, 0.7);
        QVERIFY(store.seriesForMetric("nothing").isEmpty());

        store.clear();
        QVERIFY(store.metricNames().isEmpty());
        QCOMPARE(store.stats().seriesCount, std::size_t(0));
        QCOMPARE(store.stats().retainedSamples, std::uint64_t(0));
        QCOMPARE(store.stats().encodedBytes, std::size_t(0));
        QVERIFY(!store.latest(latency[0].key));
        QCOMPARE(store.append({ { "errors", {}, 1, 3.0 } }).stored, std::size_t(1));
    }

    // The writer finds known series by the previous batch's order, then by hash: neither may mix up
    // series whose names differ by a character or whose labels come in another order.
    void seriesFoundWhateverTheBatchOrder()
    {
        TimeSeriesStore store(unlimited());
        const auto labels = [](const QString& path, const QString& method) {
            return Labels { { "method", method }, { "path", path } };
        };
        SampleBatch first { { "m", labels("/a", "GET"), 1, 1.0 }, { "m", labels("/b", "GET"), 1, 2.0 },
            { "m", labels("/a", "PUT"), 1, 3.0 }, { "n", labels("/a", "GET"), 1, 4.0 } };
        QCOMPARE(store.append(first).stored, std::size_t(4));
        // Another order, a series interleaved with itself, unsorted labels, and a new series in between.
        SampleBatch second { { "n", labels("/a", "GET"), 2, 40.0 },
            { "m", { { "path", "/a" }, { "method", "GET" } }, 2, 10.0 }, { "m", labels("/c", "GET"), 2, 5.0 },
            { "m", labels("/a", "PUT"), 2, 30.0 }, { "m", labels("/a", "GET"), 3, 11.0 },
            { "m", labels("/b", "GET"), 2, 20.0 }, { "m", labels("/a", "PUT"), 1, 99.0 } };
        const AppendResult result = store.append(second);
        QCOMPARE(result.stored, std::size_t(6));
        QCOMPARE(result.rejectedOutOfOrder, std::size_t(1));
        QCOMPARE(store.stats().seriesCount, std::size_t(5));
        // The same batch again: each sample is now a duplicate of the newest or older than it.
        const AppendResult replay = store.append(second);
        QCOMPARE(replay.rejectedDuplicate, std::size_t(5));
        QCOMPARE(replay.rejectedOutOfOrder, std::size_t(2));

        const auto values = [&](const QString& key) {
            std::vector<double> out;
            for (const LatestSample& sample : store.samples(key, minTimestamp, maxTimestamp))
                out.push_back(sample.value);
            return out;
        };
        QCOMPARE(values(R"(m{method="GET",path="/a"})"), (std::vector<double> { 1.0, 10.0, 11.0 }));
        QCOMPARE(values(R"(m{method="GET",path="/b"})"), (std::vector<double> { 2.0, 20.0 }));
        QCOMPARE(values(R"(m{method="PUT",path="/a"})"), (std::vector<double> { 3.0, 30.0 }));
        QCOMPARE(values(R"(m{method="GET",path="/c"})"), (std::vector<double> { 5.0 }));
        QCOMPARE(values(R"(n{method="GET",path="/a"})"), (std::vector<double> { 4.0, 40.0 }));

        // After clear() nothing of the old index may be found again.
        store.clear();
        QCOMPARE(store.append(first).stored, std::size_t(4));
        QCOMPARE(store.stats().seriesCount, std::size_t(4));
        QCOMPARE(values(R"(m{method="GET",path="/a"})"), (std::vector<double> { 1.0 }));
    }

    void concurrentAppendAndDecimate()
    {
        TimeSeriesStore store(unlimited());
        const QStringList keys { "a", "b", "c" };
        constexpr int batches = 150;
        constexpr int perBatch = 100; // per series: 15000 samples, 14 seals each
        std::atomic<bool> done { false };
        std::thread writer([&] {
            std::mt19937_64 random(5);
            for (int b = 0; b < batches; ++b) {
                SampleBatch batch;
                for (int i = 0; i < perBatch; ++i) {
                    const qint64 t = qint64(b * perBatch + i) * 250;
                    for (const QString& key : keys)
                        batch.push_back({ key, {}, t, std::round(double(random() % 100000)) / 1000.0 });
                }
                store.append(batch);
            }
            done = true;
        });
        int reads = 0;
        bool ordered = true;
        bool consistent = true;
        while (!done || reads == 0) {
            for (const QString& key : keys) {
                const TimeSeriesStore::DecimatedSeries view
                    = store.decimate(key, 0, qint64(batches * perBatch) * 250, 200);
                for (qsizetype i = 1; i < view.points.size(); ++i)
                    ordered = ordered && view.points[i - 1].x() < view.points[i].x();
                const StoreStats stats = store.stats();
                consistent = consistent && stats.retainedSamples <= stats.storedTotal
                    && stats.storedTotal <= std::uint64_t(batches * perBatch) * std::uint64_t(keys.size());
                store.maxInRange(key, 1000, 2'000'000);
                store.latest(key);
                ++reads;
            }
        }
        writer.join();
        QVERIFY(ordered);
        QVERIFY(consistent);
        QVERIFY(reads > 0);
        const StoreStats stats = store.stats();
        const std::uint64_t total = std::uint64_t(batches * perBatch) * std::uint64_t(keys.size());
        QCOMPARE(stats.storedTotal, total);
        QCOMPARE(stats.retainedSamples, total);
        QCOMPARE(stats.rejectedOutOfOrder, std::uint64_t(0));
        for (const QString& key : keys)
            QCOMPARE(store.samples(key, minTimestamp, maxTimestamp).size(), std::size_t(batches * perBatch));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestTimeSeriesStore)
#include "tst_timeseriesstore.moc"
