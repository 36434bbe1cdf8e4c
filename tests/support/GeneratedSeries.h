#pragma once

#include "TimeSeriesStore.h"

#include <QTest>
#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

// Generated series for the store's tests: values and timestamps of every kind that has broken an encoder, and
// the ways to feed them in. Header-only, as it needs the models library, which not every test links.
namespace perfdash::generated {

constexpr qint64 minTimestamp = std::numeric_limits<qint64>::min();
constexpr qint64 maxTimestamp = std::numeric_limits<qint64>::max();
constexpr std::size_t chunkSize = 1024; // SeriesHistory::chunkCapacity; tests size data around it

struct SeriesData {
    std::vector<qint64> timestamps;
    std::vector<double> values;
};

inline std::uint64_t bitsOf(double value) { return std::bit_cast<std::uint64_t>(value); }
inline double fromBits(std::uint64_t bits) { return std::bit_cast<double>(bits); }

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

inline double makeValue(ValueKind kind, std::size_t i, std::mt19937_64& random)
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

inline std::vector<qint64> makeTimestamps(TimeKind kind, std::size_t n, std::mt19937_64& random)
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

inline SeriesData makeSeries(ValueKind valueKind, TimeKind timeKind, std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    SeriesData data;
    data.timestamps = makeTimestamps(timeKind, n, random);
    data.values.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        data.values[i] = makeValue(valueKind, i, random);
    return data;
}

inline SampleBatch toBatch(const QString& metric, const Labels& labels, const SeriesData& data, std::size_t first = 0,
    std::size_t count = std::numeric_limits<std::size_t>::max())
{
    SampleBatch batch;
    const std::size_t end = std::min(data.timestamps.size(), first + std::min(count, data.timestamps.size()));
    for (std::size_t i = first; i < end; ++i)
        batch.push_back({ metric, labels, data.timestamps[i], data.values[i] });
    return batch;
}

// Appends in batches of irregular size so seals happen mid-batch as well as at batch ends.
inline void appendInPieces(TimeSeriesStore& store, const QString& metric, const SeriesData& data, std::uint64_t seed)
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

inline StoreLimits unlimited()
{
    StoreLimits limits;
    limits.retentionMs = maxTimestamp;
    limits.memoryBudgetBytes = std::numeric_limits<std::size_t>::max();
    return limits;
}

} // namespace perfdash::generated

Q_DECLARE_METATYPE(perfdash::generated::ValueKind)
Q_DECLARE_METATYPE(perfdash::generated::TimeKind)
