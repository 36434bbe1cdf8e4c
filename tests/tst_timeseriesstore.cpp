#include "GorillaCodec.h"
#include "SealedChunk.h"
#include "TimeSeriesStore.h"

#include <QTest>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <thread>

using namespace perfdash;

namespace {
constexpr qint64 minTimestamp = std::numeric_limits<qint64>::min();
constexpr qint64 maxTimestamp = std::numeric_limits<qint64>::max();
constexpr std::size_t chunkSize = 1024; // SeriesHistory::chunkCapacity; tests size data around it

struct SeriesData {
    std::vector<qint64> timestamps;
    std::vector<double> values;
};

std::uint64_t bitsOf(double value) { return std::bit_cast<std::uint64_t>(value); }
double fromBits(std::uint64_t bits) { return std::bit_cast<double>(bits); }

// Kinds of generated data; each exercises another corner of the encoders.
enum class ValueKind {
    RandomBits,
    NaNPayloads,
    InfinitiesAndZeros,
    Denormals,
    Decimals,
    CoarseDecimals,
    DecimalsWithNaN,
    Smooth
};
enum class TimeKind { Regular, Jittered, HugeGaps, NearMinimum, NearMaximum };

double makeValue(ValueKind kind, std::size_t i, std::mt19937_64& random)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    switch (kind) {
    case ValueKind::RandomBits:
        return fromBits(random()); // any double: NaNs with random payloads, infinities, denormals
    case ValueKind::NaNPayloads: {
        static const std::uint64_t nans[] = { 0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001,
            0x7ff4000000000000, 0x7ffdeadbeef00001, 0xffffffffffffffff, 0x7fffffffffffffff };
        return random() % 3 == 0 ? unit(random) * 100 : fromBits(nans[random() % std::size(nans)]);
    }
    case ValueKind::InfinitiesAndZeros: {
        static const double specials[] = { std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity(), -0.0, 0.0, 1.0, -1.0 };
        return specials[random() % std::size(specials)];
    }
    case ValueKind::Denormals: {
        const std::uint64_t mantissa = random() & ((std::uint64_t { 1 } << 52) - 1);
        const std::uint64_t sign = (random() & 1) << 63;
        if (i % 5 == 0)
            return std::numeric_limits<double>::denorm_min();
        if (i % 7 == 0)
            return std::numeric_limits<double>::min();
        return fromBits(sign | mantissa); // exponent 0: subnormal (or zero)
    }
    case ValueKind::Decimals:
        return std::round((1.8 + 0.3 * std::sin(double(i) / 300.0) + (unit(random) - 0.5) * 0.1) * 1000.0) / 1000.0;
    case ValueKind::CoarseDecimals:
        return double(random() % 5 + 1) / 10.0; // many ties for min and max
    case ValueKind::DecimalsWithNaN:
        if (random() % 97 == 0)
            return std::numeric_limits<double>::quiet_NaN();
        if (random() % 101 == 0)
            return std::numeric_limits<double>::infinity();
        return std::round(unit(random) * 1e5) / 100.0;
    case ValueKind::Smooth:
        return 1.8 + 0.2 * std::sin(double(i) / 50.0) + unit(random) * 1e-3;
    }
    return 0.0;
}

std::vector<qint64> makeTimestamps(TimeKind kind, std::size_t n, std::mt19937_64& random)
{
    std::vector<qint64> timestamps(n);
    qint64 timestamp = 1'764'160'000'000;
    switch (kind) {
    case TimeKind::Regular:
        for (std::size_t i = 0; i < n; ++i)
            timestamps[i] = timestamp + qint64(i) * 250;
        break;
    case TimeKind::Jittered:
        for (std::size_t i = 0; i < n; ++i) {
            timestamp += 230 + qint64(random() % 41);
            timestamps[i] = timestamp;
        }
        break;
    case TimeKind::HugeGaps: {
        // Starts before 1970, crosses zero, has gaps from 1 ms to centuries.
        static const qint64 gaps[] = { 1, 2, 250, 251, 1000, 65'537, 3'600'000, 31'557'600'000, 3'155'760'000'000,
            4'294'967'296, 4'294'967'297 };
        timestamp = -2'000'000'000'000'000;
        for (std::size_t i = 0; i < n; ++i) {
            timestamp += gaps[random() % std::size(gaps)] + qint64(random() % 3);
            timestamps[i] = timestamp;
        }
        break;
    }
    case TimeKind::NearMinimum:
        // From the smallest qint64 on, with deltas up to 2^50 (the span stays below 2^62).
        timestamp = minTimestamp;
        for (std::size_t i = 0; i < n; ++i) {
            timestamps[i] = timestamp;
            timestamp += 1 + qint64(random() % (std::uint64_t { 1 } << (random() % 51)));
        }
        break;
    case TimeKind::NearMaximum:
        // Ends at the largest qint64.
        timestamp = maxTimestamp;
        for (std::size_t i = n; i-- > 0;) {
            timestamps[i] = timestamp;
            timestamp -= 1 + qint64(random() % (std::uint64_t { 1 } << (random() % 48)));
        }
        break;
    }
    return timestamps;
}

SeriesData makeSeries(ValueKind valueKind, TimeKind timeKind, std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    SeriesData data;
    data.timestamps = makeTimestamps(timeKind, n, random);
    data.values.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        data.values[i] = makeValue(valueKind, i, random);
    return data;
}

SampleBatch toBatch(const QString& metric, const Labels& labels, const SeriesData& data, std::size_t first = 0,
    std::size_t count = std::numeric_limits<std::size_t>::max())
{
    SampleBatch batch;
    const std::size_t end = std::min(data.timestamps.size(), first + std::min(count, data.timestamps.size()));
    for (std::size_t i = first; i < end; ++i)
        batch.push_back({ metric, labels, data.timestamps[i], data.values[i] });
    return batch;
}

// Appends in batches of irregular size so seals happen mid-batch as well as at batch ends.
void appendInPieces(TimeSeriesStore& store, const QString& metric, const SeriesData& data, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::size_t first = 0;
    while (first < data.timestamps.size()) {
        const std::size_t count = 1 + random() % 700;
        const AppendResult result = store.append(toBatch(metric, {}, data, first, count));
        QCOMPARE(result.rejectedOutOfOrder, std::size_t(0));
        first += count;
    }
}

// The reference M4 the store must reproduce: for every column the first, smallest, largest and last
// finite sample (earliest on ties), distinct and in time order. Non-finite samples are gaps: a NaN point
// before the column's points when one precedes its first finite sample (at the first one's time), after
// them when one follows its last finite sample (at the last one's time), one for a column of gaps only (at
// its first); never two NaN points in a row.
TimeSeriesStore::DecimatedSeries bruteForceM4(const SeriesData& data, qint64 from, qint64 to, int columns)
{
    TimeSeriesStore::DecimatedSeries result;
    if (from > to || columns <= 0)
        return result;
    using Wide = unsigned __int128;
    const Wide span = Wide(std::uint64_t(to) - std::uint64_t(from)) + 1;
    auto columnOf
        = [&](qint64 t) { return int(Wide(std::uint64_t(t) - std::uint64_t(from)) * unsigned(columns) / span); };
    bool anyPoint = false;
    int column = -1;
    std::size_t first = 0, minIndex = 0, maxIndex = 0, last = 0;
    bool open = false;
    std::optional<qint64> gapBefore;
    std::optional<qint64> gapAfter;
    const auto appendGap = [&](qint64 t) {
        if (result.points.isEmpty() || !std::isnan(result.points.last().y()))
            result.points.append(QPointF(double(t), std::numeric_limits<double>::quiet_NaN()));
    };
    auto flush = [&] {
        if (gapBefore)
            appendGap(*gapBefore);
        const std::optional<qint64> after = gapAfter;
        gapBefore.reset();
        gapAfter.reset();
        if (!open)
            return;
        std::vector<std::size_t> indices { first, minIndex, maxIndex, last };
        std::sort(indices.begin(), indices.end());
        indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
        for (std::size_t index : indices)
            result.points.append(QPointF(double(data.timestamps[index]), data.values[index]));
        if (!anyPoint || data.values[minIndex] < result.minValue)
            result.minValue = data.values[minIndex];
        if (!anyPoint || data.values[maxIndex] > result.maxValue)
            result.maxValue = data.values[maxIndex];
        anyPoint = true;
        open = false;
        if (after)
            appendGap(*after);
    };
    for (std::size_t i = 0; i < data.timestamps.size(); ++i) {
        const qint64 t = data.timestamps[i];
        if (t < from || t > to)
            continue;
        const double v = data.values[i];
        const int c = columnOf(t);
        if (c != column) {
            flush();
            column = c;
        }
        if (!std::isfinite(v)) {
            ++result.nonFiniteCount;
            if (open)
                gapAfter = t;
            else if (!gapBefore)
                gapBefore = t;
            continue;
        }
        gapAfter.reset();
        if (!open) {
            first = minIndex = maxIndex = last = i;
            open = true;
            continue;
        }
        if (v < data.values[minIndex])
            minIndex = i;
        if (v > data.values[maxIndex])
            maxIndex = i;
        last = i;
    }
    flush();
    return result;
}

// QPointF's operator== is fuzzy; M4 must return the stored samples exactly.
bool samePoints(const QList<QPointF>& actual, const QList<QPointF>& expected, QString& mismatch)
{
    if (actual.size() != expected.size()) {
        mismatch = QStringLiteral("%1 points, expected %2").arg(actual.size()).arg(expected.size());
    }
    for (qsizetype i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        if (actual[i].x() != expected[i].x() || bitsOf(actual[i].y()) != bitsOf(expected[i].y())) {
            mismatch += QStringLiteral(" first difference at %1: (%2, %3) expected (%4, %5)")
                            .arg(i)
                            .arg(actual[i].x(), 0, 'g', 17)
                            .arg(actual[i].y(), 0, 'g', 17)
                            .arg(expected[i].x(), 0, 'g', 17)
                            .arg(expected[i].y(), 0, 'g', 17);
            return false;
        }
    }
    return mismatch.isEmpty();
}

StoreLimits unlimited()
{
    StoreLimits limits;
    limits.retentionMs = maxTimestamp;
    limits.memoryBudgetBytes = std::numeric_limits<std::size_t>::max();
    return limits;
}
}

Q_DECLARE_METATYPE(ValueKind)
Q_DECLARE_METATYPE(TimeKind)

class TestTimeSeriesStore : public QObject {
    Q_OBJECT

private slots:
    void roundTripIsBitExact_data()
    {
        QTest::addColumn<ValueKind>("valueKind");
        QTest::addColumn<TimeKind>("timeKind");
        QTest::addColumn<int>("count");

        const int manyChunks = int(7 * chunkSize + 123);
        QTest::addRow("random doubles, regular") << ValueKind::RandomBits << TimeKind::Regular << manyChunks;
        QTest::addRow("random doubles, jittered") << ValueKind::RandomBits << TimeKind::Jittered << manyChunks;
        QTest::addRow("NaN payloads") << ValueKind::NaNPayloads << TimeKind::Jittered << manyChunks;
        QTest::addRow("infinities and -0.0") << ValueKind::InfinitiesAndZeros << TimeKind::Regular << manyChunks;
        QTest::addRow("denormals") << ValueKind::Denormals << TimeKind::Jittered << manyChunks;
        QTest::addRow("decimals") << ValueKind::Decimals << TimeKind::Regular << manyChunks;
        QTest::addRow("decimals, jittered") << ValueKind::Decimals << TimeKind::Jittered << manyChunks;
        QTest::addRow("decimals with NaN and Inf") << ValueKind::DecimalsWithNaN << TimeKind::Jittered << manyChunks;
        QTest::addRow("smooth doubles") << ValueKind::Smooth << TimeKind::Regular << manyChunks;
        QTest::addRow("huge gaps, negative timestamps") << ValueKind::RandomBits << TimeKind::HugeGaps << manyChunks;
        QTest::addRow("huge gaps, decimals") << ValueKind::Decimals << TimeKind::HugeGaps << manyChunks;
        QTest::addRow("from the smallest qint64") << ValueKind::NaNPayloads << TimeKind::NearMinimum << manyChunks;
        QTest::addRow("to the largest qint64") << ValueKind::CoarseDecimals << TimeKind::NearMaximum << manyChunks;
        QTest::addRow("single sample") << ValueKind::RandomBits << TimeKind::Regular << 1;
        QTest::addRow("exactly one chunk") << ValueKind::Decimals << TimeKind::Regular << int(chunkSize);
        QTest::addRow("one chunk and one") << ValueKind::Decimals << TimeKind::Regular << int(chunkSize + 1);
    }

    void roundTripIsBitExact()
    {
        QFETCH(ValueKind, valueKind);
        QFETCH(TimeKind, timeKind);
        QFETCH(int, count);
        const SeriesData data = makeSeries(valueKind, timeKind, std::size_t(count), 42 + std::uint64_t(count));
        const std::size_t n = data.timestamps.size();

        // The Gorilla codec on its own, over the whole series as a single chunk.
        std::vector<std::uint64_t> words;
        GorillaCodec::encode(data.timestamps.data(), data.values.data(), n, words);
        std::vector<qint64> decodedTimestamps(n);
        std::vector<double> decodedValues(n);
        GorillaCodec::decode(words.data(), n, decodedTimestamps.data(), decodedValues.data());
        for (std::size_t i = 0; i < n; ++i) {
            QCOMPARE(decodedTimestamps[i], data.timestamps[i]);
            QCOMPARE(bitsOf(decodedValues[i]), bitsOf(data.values[i]));
        }

        // Through the store: many seals, whichever encoding each chunk picks.
        TimeSeriesStore store(unlimited());
        appendInPieces(store, QStringLiteral("m"), data, 7);
        if (QTest::currentTestFailed())
            return;
        const std::vector<LatestSample> stored = store.samples(QStringLiteral("m"), minTimestamp, maxTimestamp);
        QCOMPARE(stored.size(), n);
        for (std::size_t i = 0; i < n; ++i) {
            QCOMPARE(stored[i].timestampMs, data.timestamps[i]);
            QCOMPARE(bitsOf(stored[i].value), bitsOf(data.values[i]));
        }
        const StoreStats stats = store.stats();
        QCOMPARE(stats.retainedSamples, std::uint64_t(n));
        QCOMPARE(stats.storedTotal, std::uint64_t(n));
        QCOMPARE(stats.evictedSamples, std::uint64_t(0));
        const std::optional<LatestSample> latest = store.latest(QStringLiteral("m"));
        QVERIFY(latest);
        QCOMPARE(latest->timestampMs, data.timestamps.back());
        QCOMPARE(bitsOf(latest->value), bitsOf(data.values.back()));
    }

    void extremeTimestampJumps_data()
    {
        QTest::addColumn<ValueKind>("valueKind");
        QTest::addRow("random doubles (Gorilla)") << ValueKind::RandomBits;
        QTest::addRow("decimals (DecimalPack)") << ValueKind::Decimals;
    }

    void extremeTimestampJumps()
    {
        // Jumps of nearly 2^63 between runs of 1 ms steps: delta-of-deltas that need all 64 bits, and a
        // line fit whose residuals wrap around.
        QFETCH(ValueKind, valueKind);
        std::mt19937_64 random(17);
        SeriesData data;
        const qint64 starts[] = { minTimestamp, -1'000'000, maxTimestamp - qint64(chunkSize) };
        for (qint64 start : starts) {
            for (std::size_t i = 0; i < chunkSize / 3; ++i)
                data.timestamps.push_back(start + qint64(i));
        }
        data.timestamps.push_back(maxTimestamp);
        for (std::size_t i = 0; i < data.timestamps.size(); ++i)
            data.values.push_back(makeValue(valueKind, i, random));
        const std::size_t n = data.timestamps.size();

        std::vector<std::uint64_t> words;
        GorillaCodec::encode(data.timestamps.data(), data.values.data(), n, words);
        std::vector<qint64> timestamps(n);
        std::vector<double> values(n);
        GorillaCodec::decode(words.data(), n, timestamps.data(), values.data());
        QCOMPARE(timestamps, data.timestamps);
        for (std::size_t i = 0; i < n; ++i)
            QCOMPARE(bitsOf(values[i]), bitsOf(data.values[i]));

        const SealedChunk chunk = SealedChunk::seal(data.timestamps.data(), data.values.data(), n);
        QCOMPARE(chunk.encoding() == SealedChunk::Encoding::DecimalPack, valueKind == ValueKind::Decimals);
        chunk.decode(timestamps.data(), values.data());
        QCOMPARE(timestamps, data.timestamps);
        for (std::size_t i = 0; i < n; ++i)
            QCOMPARE(bitsOf(values[i]), bitsOf(data.values[i]));
    }

    void sealPicksEncoding_data()
    {
        QTest::addColumn<ValueKind>("valueKind");
        QTest::addColumn<TimeKind>("timeKind");
        QTest::addColumn<bool>("packed");

        QTest::addRow("decimals: random access") << ValueKind::Decimals << TimeKind::Regular << true;
        QTest::addRow("decimals, jittered: random access") << ValueKind::Decimals << TimeKind::Jittered << true;
        QTest::addRow("coarse decimals near qint64 max") << ValueKind::CoarseDecimals << TimeKind::NearMaximum << true;
        QTest::addRow("random doubles: Gorilla") << ValueKind::RandomBits << TimeKind::Regular << false;
        QTest::addRow("-0.0 needs Gorilla") << ValueKind::InfinitiesAndZeros << TimeKind::Regular << false;
        QTest::addRow("NaN needs Gorilla") << ValueKind::DecimalsWithNaN << TimeKind::Regular << false;
        QTest::addRow("long mantissas: Gorilla") << ValueKind::Smooth << TimeKind::Regular << false;
    }

    void sealPicksEncoding()
    {
        QFETCH(ValueKind, valueKind);
        QFETCH(TimeKind, timeKind);
        QFETCH(bool, packed);
        const SeriesData data = makeSeries(valueKind, timeKind, chunkSize, 3);
        const SealedChunk chunk = SealedChunk::seal(data.timestamps.data(), data.values.data(), chunkSize);
        QCOMPARE(chunk.encoding() == SealedChunk::Encoding::DecimalPack, packed);
        std::vector<qint64> timestamps(chunkSize);
        std::vector<double> values(chunkSize);
        chunk.decode(timestamps.data(), values.data());
        for (std::size_t i = 0; i < chunkSize; ++i) {
            QCOMPARE(timestamps[i], data.timestamps[i]);
            QCOMPARE(bitsOf(values[i]), bitsOf(data.values[i]));
        }
        QCOMPARE(chunk.summary().count, std::uint32_t(chunkSize));
        QCOMPARE(chunk.summary().firstTimestampMs, data.timestamps.front());
        QCOMPARE(chunk.summary().lastTimestampMs, data.timestamps.back());
    }

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
            batch.push_back({ "api_latency_seconds", { { "endpoint", id % 2 ? "/a" : "/b" }, { "id", QString::number(id) } },
                1, 0.5 });
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
            QStringLiteral("api_latency_seconds: 100-series limit reached; label \"id\" has 100 values; 150 samples refused"));

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

    void decimateMatchesBruteForce_data()
    {
        QTest::addColumn<ValueKind>("valueKind");
        QTest::addColumn<TimeKind>("timeKind");
        QTest::addColumn<double>("fromFraction"); // of the data's time span; may lie outside [0, 1]
        QTest::addColumn<double>("toFraction");
        QTest::addColumn<int>("pixelColumns");

        const struct {
            const char* name;
            ValueKind kind;
        } values[] = { { "decimals", ValueKind::Decimals }, { "ties", ValueKind::CoarseDecimals },
            { "doubles", ValueKind::Smooth }, { "NaN and Inf", ValueKind::DecimalsWithNaN },
            { "random bits", ValueKind::RandomBits } };
        const struct {
            const char* name;
            TimeKind kind;
        } times[] = { { "regular", TimeKind::Regular }, { "jittered", TimeKind::Jittered } };
        const struct {
            const char* name;
            double from;
            double to;
            int columns;
        } views[] = {
            { "all, 1 column", -0.1, 1.1, 1 },
            { "all, 3 columns (chunks inside columns)", 0.0, 1.0, 3 },
            { "all, 7 columns", 0.0, 1.0, 7 },
            { "all, 300 columns (columns span chunks)", 0.0, 1.0, 300 },
            { "all, 40000 columns (more columns than samples)", 0.0, 1.0, 40000 },
            { "partial chunks at both ends", 0.123, 0.871, 50 },
            { "partial, 1 column", 0.3, 0.35, 1 },
            { "inside one chunk", 0.5, 0.501, 10 },
            { "before the data", -0.5, -0.1, 10 },
            { "after the data", 1.1, 1.5, 10 },
            { "open chunk only", 0.999, 1.0, 20 },
        };
        for (const auto& value : values) {
            for (const auto& time : times) {
                for (const auto& view : views) {
                    QTest::addRow("%s, %s, %s", value.name, time.name, view.name)
                        << value.kind << time.kind << view.from << view.to << view.columns;
                }
            }
        }
        QTest::addRow("huge gaps, 500 columns") << ValueKind::Decimals << TimeKind::HugeGaps << 0.0 << 1.0 << 500;
        QTest::addRow("huge gaps, random bits") << ValueKind::RandomBits << TimeKind::HugeGaps << 0.2 << 0.9 << 64;
    }

    void aNaNBreaksTheLineWhereItIs()
    {
        // 1, 2, NaN, 4, 5 at one sample per column: the line must stop at 2 and start again at 4, not run
        // from 2 to 4 across the missing value.
        TimeSeriesStore store(unlimited());
        SampleBatch batch;
        const double values[] = { 1, 2, std::nan(""), 4, 5 };
        for (int i = 0; i < 5; ++i)
            batch.push_back({ QStringLiteral("m"), {}, 1000 + i * 1000, values[i] });
        store.append(batch);
        const TimeSeriesStore::DecimatedSeries decimated = store.decimate(QStringLiteral("m"), 1000, 5999, 5);
        QCOMPARE(decimated.points.size(), 5);
        QCOMPARE(decimated.points[1], QPointF(2000, 2));
        QVERIFY(std::isnan(decimated.points[2].y()));
        QCOMPARE(decimated.points[2].x(), 3000.0);
        QCOMPARE(decimated.points[3], QPointF(4000, 4));
        QCOMPARE(decimated.nonFiniteCount, std::size_t(1));
    }

    void decimateMatchesBruteForce()
    {
        QFETCH(ValueKind, valueKind);
        QFETCH(TimeKind, timeKind);
        QFETCH(double, fromFraction);
        QFETCH(double, toFraction);
        QFETCH(int, pixelColumns);

        const SeriesData data = makeSeries(valueKind, timeKind, 23 * chunkSize + 321, 99);
        TimeSeriesStore store(unlimited());
        appendInPieces(store, "m", data, 5);

        const double first = double(data.timestamps.front());
        const double span = double(data.timestamps.back()) - first;
        const qint64 from = qint64(first + fromFraction * span);
        const qint64 to = qint64(first + toFraction * span);

        const TimeSeriesStore::DecimatedSeries actual = store.decimate("m", from, to, pixelColumns);
        const TimeSeriesStore::DecimatedSeries expected = bruteForceM4(data, from, to, pixelColumns);
        QString mismatch;
        QVERIFY2(samePoints(actual.points, expected.points, mismatch), qPrintable(mismatch));
        QCOMPARE(actual.nonFiniteCount, expected.nonFiniteCount);
        QVERIFY(actual.points.size() <= 6 * qsizetype(pixelColumns)); // 4 corners and 2 gaps
        if (!expected.points.isEmpty()) {
            QCOMPARE(bitsOf(actual.minValue), bitsOf(expected.minValue));
            QCOMPARE(bitsOf(actual.maxValue), bitsOf(expected.maxValue));
        }

        // The other range queries over the same range.
        std::optional<double> expectedMax;
        std::vector<LatestSample> expectedSamples;
        for (std::size_t i = 0; i < data.timestamps.size(); ++i) {
            if (data.timestamps[i] < from || data.timestamps[i] > to)
                continue;
            expectedSamples.push_back({ data.timestamps[i], data.values[i] });
            if (std::isfinite(data.values[i]) && (!expectedMax || data.values[i] > *expectedMax))
                expectedMax = data.values[i];
        }
        const std::optional<double> actualMax = store.maxInRange("m", from, to);
        QCOMPARE(actualMax.has_value(), expectedMax.has_value());
        if (expectedMax)
            QCOMPARE(bitsOf(*actualMax), bitsOf(*expectedMax));
        const std::vector<LatestSample> actualSamples = store.samples("m", from, to);
        QCOMPARE(actualSamples.size(), expectedSamples.size());
        for (std::size_t i = 0; i < expectedSamples.size(); ++i) {
            QCOMPARE(actualSamples[i].timestampMs, expectedSamples[i].timestampMs);
            QCOMPARE(bitsOf(actualSamples[i].value), bitsOf(expectedSamples[i].value));
        }
    }

    void decimateEdgeCases()
    {
        TimeSeriesStore store(unlimited());
        const SeriesData data = makeSeries(ValueKind::Decimals, TimeKind::Regular, 3 * chunkSize, 1);
        store.append(toBatch("m", {}, data));
        QVERIFY(store.decimate("missing", minTimestamp, maxTimestamp, 100).points.isEmpty());
        QVERIFY(store.decimate("m", 10, 5, 100).points.isEmpty()); // reversed range
        QVERIFY(store.decimate("m", minTimestamp, maxTimestamp, 0).points.isEmpty());
        QVERIFY(!store.maxInRange("m", 10, 5));
        QVERIFY(store.samples("m", 10, 5).empty());

        // The whole qint64 range in one column: first, min, max, last of everything.
        const TimeSeriesStore::DecimatedSeries all = store.decimate("m", minTimestamp, maxTimestamp, 1);
        const TimeSeriesStore::DecimatedSeries expected = bruteForceM4(data, minTimestamp, maxTimestamp, 1);
        QString mismatch;
        QVERIFY2(samePoints(all.points, expected.points, mismatch), qPrintable(mismatch));
        QVERIFY(all.points.size() >= 2 && all.points.size() <= 4);

        // A single sample exactly at the range's ends.
        const qint64 t = data.timestamps[1500];
        const TimeSeriesStore::DecimatedSeries single = store.decimate("m", t, t, 5);
        QCOMPARE(single.points.size(), 1);
        QCOMPARE(single.points.front().x(), double(t));
        QCOMPARE(single.minValue, data.values[1500]);
        QCOMPARE(single.maxValue, data.values[1500]);
    }

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

QTEST_GUILESS_MAIN(TestTimeSeriesStore)
#include "tst_timeseriesstore.moc"
