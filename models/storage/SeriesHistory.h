#pragma once

#include "Sample.h"
#include "SealedChunk.h"
#include "TimeSeriesStore.h"
#include "TimedValue.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <shared_mutex>
#include <vector>

namespace perfdash {

class ColumnGrid;
class M4Builder;

// All retained samples of one series: sealed, encoded chunks oldest first, then the open chunk of raw
// samples. Its own reader/writer lock lets the GUI read this series while the ingest thread works on
// others; writer-side members are called by one writer at a time (the store serialises appends).
class SeriesHistory {
public:
    static constexpr std::size_t chunkCapacity = 1024;

    SeriesHistory(QString key, QString metric, Labels labels, std::uint64_t sequence);

    // Immutable after construction, so readable without the lock.
    const QString& key() const { return m_key; }
    const QString& metric() const { return m_metric; }
    const Labels& labels() const { return m_labels; }
    // Creation order, a stable tie-break between series.
    std::uint64_t sequence() const { return m_sequence; }

    struct AppendOutcome {
        std::size_t stored = 0;
        std::size_t rejectedOutOfOrder = 0;
        std::size_t rejectedDuplicate = 0;
        std::size_t evicted = 0;
        // byteSize() and oldestSealedLastTimestamp() around the append, taken under its one lock.
        std::size_t bytesBefore = 0;
        std::size_t bytesAfter = 0;
        std::optional<qint64> oldestBefore;
        std::optional<qint64> oldestAfter;
    };
    // Appends points in order, then drops sealed chunks that ended before newest - retentionMs. A point
    // before the newest one at full precision (ms, then subMsNanos) is out of order; one at exactly the
    // newest's time with the same value is a duplicate (a resent message). Both are refused and counted.
    // Any other point at the newest's time is kept, after it: events closer than 1 ms share a millisecond
    // in arrival order.
    AppendOutcome append(const TimedValue* points, std::size_t n, qint64 retentionMs);
    std::optional<qint64> oldestSealedLastTimestamp() const;
    // Drops the oldest sealed chunk; returns its sample count (0 when there is none).
    std::size_t evictOldestChunk();
    // Sealed chunks + raw open samples + a rough fixed cost for the key, labels and map entry.
    std::size_t byteSize() const;
    std::uint64_t retainedSamples() const;

    void decimate(const ColumnGrid& grid, M4Builder& builder) const;
    std::optional<LatestSample> latest() const;
    std::optional<double> maxInRange(qint64 fromMs, qint64 toMs) const;
    void appendSamples(qint64 fromMs, qint64 toMs, std::vector<LatestSample>& out) const;

private:
    using ChunkIterator = std::deque<SealedChunk>::const_iterator;

    void sealOpenChunk();
    std::size_t evictBefore(qint64 cutoffMs);
    // First sealed chunk whose last timestamp is >= fromMs.
    ChunkIterator firstChunkFrom(qint64 fromMs) const;
    std::size_t openBytes() const { return m_openTimestamps.size() * (sizeof(qint64) + sizeof(double)); }
    std::size_t byteSizeLocked() const { return m_fixedBytes + m_sealedBytes + openBytes(); }
    std::optional<qint64> oldestSealedLastTimestampLocked() const
    {
        return m_sealed.empty() ? std::nullopt : std::optional<qint64>(m_sealed.front().summary().lastTimestampMs);
    }

    const QString m_key;
    const QString m_metric;
    const Labels m_labels;
    const std::uint64_t m_sequence;
    const std::size_t m_fixedBytes;

    mutable std::shared_mutex m_mutex;
    std::deque<SealedChunk> m_sealed;
    std::size_t m_sealedBytes = 0;
    std::uint64_t m_sealedSamples = 0;
    // The open chunk as two parallel arrays, the layout the decoders produce too.
    std::vector<qint64> m_openTimestamps;
    std::vector<double> m_openValues;
    // subMsNanos of the newest point, for ordering the next append.
    qint32 m_newestSubMsNanos = 0;
};

} // namespace perfdash
