#include "GeneratedSeries.h"
#include "HeadlessTestMain.h"
#include "TimeSeriesStore.h"

#include <QTest>
#include <cmath>

using namespace perfdash;
using namespace perfdash::generated;

// SeriesHistory: the order of one series' samples; out-of-order and duplicate samples refused, across seals too.
class TestSeriesHistory : public QObject {
    Q_OBJECT

private slots:
    void rejectsOutOfOrder_data()
    {
        QTest::addColumn<QList<QList<qint64>>>("batches");
        QTest::addColumn<int>("stored");
        QTest::addColumn<int>("rejected");

        QTest::addRow("in order") << QList<QList<qint64>> { { 1, 2, 3 }, { 4, 5 } } << 5 << 0;
        QTest::addRow("duplicate within batch") << QList<QList<qint64>> { { 1, 2, 2, 3 } } << 3 << 1;
        QTest::addRow("older within batch") << QList<QList<qint64>> { { 10, 20, 15, 30, 5 } } << 3 << 2;
        QTest::addRow("replayed batch") << QList<QList<qint64>> { { 1, 2, 3 }, { 1, 2, 3 } } << 3 << 3;
        QTest::addRow("overlapping batch")
            << QList<QList<qint64>> { { 10, 20, 30 }, { 30, 25, 40, 40, 35, 50 } } << 5 << 4;
        QTest::addRow("negative timestamps") << QList<QList<qint64>> { { -30, -20 }, { -25, -10, 0 } } << 4 << 1;
        QTest::addRow("qint64 limits") << QList<QList<qint64>> { { minTimestamp, 0, maxTimestamp }, { maxTimestamp } }
                                       << 3 << 1;
    }

    void rejectsOutOfOrder()
    {
        QFETCH(QList<QList<qint64>>, batches);
        QFETCH(int, stored);
        QFETCH(int, rejected);
        TimeSeriesStore store(unlimited());
        std::size_t storedSum = 0;
        std::size_t rejectedSum = 0;
        qint64 other = 0;
        for (const QList<qint64>& timestamps : batches) {
            SampleBatch batch;
            for (qint64 timestamp : timestamps) {
                batch.push_back({ QStringLiteral("m"), {}, timestamp, 1.0 });
                // Another series in the same batch, always in order, is never affected.
                batch.push_back({ QStringLiteral("other"), {}, ++other, 2.0 });
            }
            const AppendResult result = store.append(batch);
            storedSum += result.stored;
            // Every value here is 1.0, so a repeated timestamp is a true duplicate: refused as one.
            rejectedSum += result.rejectedOutOfOrder + result.rejectedDuplicate;
            QCOMPARE(result.stored + result.rejectedOutOfOrder + result.rejectedDuplicate, batch.size());
        }
        QCOMPARE(storedSum, std::size_t(stored) + std::size_t(other));
        QCOMPARE(rejectedSum, std::size_t(rejected));
        QCOMPARE(store.stats().rejectedOutOfOrder + store.stats().rejectedDuplicate, std::uint64_t(rejected));
        QCOMPARE(store.samples(QStringLiteral("m"), minTimestamp, maxTimestamp).size(), std::size_t(stored));
    }

    // Per-request events streamed at 10 per millisecond with distinct nanosecond times: all 5,000 are
    // kept (only 500 were, one per millisecond, before sub-millisecond order was looked at).
    void eventsCloserThanAMillisecondAreAllKept()
    {
        TimeSeriesStore store(unlimited());
        SampleBatch batch;
        for (int i = 0; i < 5000; ++i)
            batch.push_back({ QStringLiteral("request_latency_seconds"), {}, 1'700'000'000'000 + i / 10,
                0.001 * (i % 97), qint32((i % 10) * 100'000) });
        const AppendResult result = store.append(batch);
        QCOMPARE(result.stored, std::size_t(5000));
        QCOMPARE(result.rejectedOutOfOrder + result.rejectedDuplicate, std::size_t(0));
        const auto samples = store.samples(QStringLiteral("request_latency_seconds"), 0, maxTimestamp);
        QCOMPARE(samples.size(), std::size_t(5000));
        // Arrival order within a millisecond, through sealing and decoding.
        for (std::size_t i = 0; i < samples.size(); ++i) {
            QCOMPARE(samples[i].timestampMs, qint64(1'700'000'000'000 + qint64(i) / 10));
            QCOMPARE(samples[i].value, 0.001 * double(i % 97));
        }
    }

    // Only a true duplicate (same full-precision time, same value) or an earlier time is refused.
    void duplicateMeansSameTimeAndSameValue_data()
    {
        QTest::addColumn<qint64>("timestampMs");
        QTest::addColumn<int>("subMsNanos");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("outcome"); // 0 stored, 1 out of order, 2 duplicate
        // The newest sample is at 1000 ms + 500 ns, value 1.
        QTest::addRow("same time, same value") << qint64(1000) << 500 << 1.0 << 2;
        QTest::addRow("same time, other value") << qint64(1000) << 500 << 2.0 << 0;
        QTest::addRow("same ms, later ns") << qint64(1000) << 501 << 1.0 << 0;
        QTest::addRow("same ms, earlier ns") << qint64(1000) << 499 << 1.0 << 1;
        QTest::addRow("earlier ms") << qint64(999) << 900 << 1.0 << 1;
        QTest::addRow("later ms") << qint64(1001) << 0 << 1.0 << 0;
        QTest::addRow("NaN resent") << qint64(1000) << 500 << std::nan("") << 0;
    }

    void duplicateMeansSameTimeAndSameValue()
    {
        QFETCH(qint64, timestampMs);
        QFETCH(int, subMsNanos);
        QFETCH(double, value);
        QFETCH(int, outcome);
        TimeSeriesStore store(unlimited());
        store.append({ { QStringLiteral("m"), {}, 1000, 1.0, 500 } });
        const AppendResult result = store.append({ { QStringLiteral("m"), {}, timestampMs, value, subMsNanos } });
        QCOMPARE(int(result.stored), outcome == 0 ? 1 : 0);
        QCOMPARE(int(result.rejectedOutOfOrder), outcome == 1 ? 1 : 0);
        QCOMPARE(int(result.rejectedDuplicate), outcome == 2 ? 1 : 0);
    }

    void aResentNaNIsADuplicate()
    {
        TimeSeriesStore store(unlimited());
        store.append({ { QStringLiteral("m"), {}, 1000, std::nan("") } });
        const AppendResult result = store.append({ { QStringLiteral("m"), {}, 1000, std::nan("") } });
        QCOMPARE(result.rejectedDuplicate, std::size_t(1));
    }

    void rejectsOutOfOrderAcrossSeal()
    {
        TimeSeriesStore store(unlimited());
        SeriesData data;
        for (qint64 t = 1; t <= qint64(chunkSize); ++t) {
            data.timestamps.push_back(t);
            data.values.push_back(double(t));
        }
        QCOMPARE(store.append(toBatch("m", {}, data)).stored, chunkSize);
        // The newest sample resent right after the seal is still known as a duplicate.
        SampleBatch late { { "m", {}, qint64(chunkSize), double(chunkSize) }, { "m", {}, qint64(chunkSize) + 1, 0.0 },
            { "m", {}, qint64(chunkSize) + 1, 0.0 }, { "m", {}, 500, 0.0 } };
        const AppendResult result = store.append(late);
        QCOMPARE(result.stored, std::size_t(1));
        QCOMPARE(result.rejectedDuplicate, std::size_t(2));
        QCOMPARE(result.rejectedOutOfOrder, std::size_t(1));
        QCOMPARE(store.stats().retainedSamples, std::uint64_t(chunkSize + 1));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestSeriesHistory)
#include "tst_serieshistory.moc"
