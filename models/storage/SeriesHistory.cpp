#include "SeriesHistory.h"

#include <cmath>
#include <cstring>

#include "ColumnGrid.h"
#include "DecodedChunkCache.h"
#include "M4Builder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>

namespace perfdash {

namespace {
    // Bit for bit, so NaN equals NaN (a resent NaN sample is a duplicate too).
    bool sameValue(double a, double b)
    {
        return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
    }

    std::size_t estimateFixedBytes(const QString& key, const QString& metric, const Labels& labels)
    {
        constexpr std::size_t mapEntryBytes = 64;
        std::size_t bytes
            = sizeof(SeriesHistory) + mapEntryBytes + sizeof(QChar) * std::size_t(key.size() + metric.size());
        for (const auto& [name, value] : labels)
            bytes += sizeof(QChar) * std::size_t(name.size() + value.size()) + sizeof(Labels::value_type);
        return bytes;
    }

    qint64 saturatingSubtract(qint64 a, qint64 b)
    {
        qint64 result = 0;
        if (__builtin_sub_overflow(a, b, &result))
            return b > 0 ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
        return result;
    }

    bool fullyInside(const ChunkSummary& summary, qint64 fromMs, qint64 toMs)
    {
        return summary.firstTimestampMs >= fromMs && summary.lastTimestampMs <= toMs;
    }

    // M4 over raw (open or decoded) samples; columns advance only when a timestamp passes the current one.
    void addRawColumns(
        const qint64* timestamps, const double* values, std::size_t n, const ColumnGrid& grid, M4Builder& builder)
    {
        std::size_t i = std::size_t(std::lower_bound(timestamps, timestamps + n, grid.from()) - timestamps);
        int column = -1;
        qint64 columnEnd = 0;
        for (; i < n && timestamps[i] <= grid.to(); ++i) {
            if (column < 0 || timestamps[i] > columnEnd) {
                column = grid.columnOf(timestamps[i]);
                columnEnd = grid.lastTimestampOf(column);
            }
            if (!std::isfinite(values[i])) {
                builder.addNonFinite(1);
                builder.addGap(column, timestamps[i]);
                continue;
            }
            builder.addPoint(column, timestamps[i], values[i]);
        }
    }

    // M4 over a random-access chunk: per column piece, binary-search its end and take min/max from the
    // block index, so only samples next to column boundaries are read. The chunk summary settles the
    // min (max) of the piece that holds the chunk's own, and of a piece whose column already holds
    // something at least as low (high): nothing in the chunk could replace it.
    void addPackedColumns(
        const DecimalPackView& view, const ChunkSummary& summary, const ColumnGrid& grid, M4Builder& builder)
    {
        const std::size_t n = view.count();
        std::size_t first = summary.firstTimestampMs >= grid.from() ? 0 : view.lowerBound(0, n, grid.from());
        const std::size_t end = summary.lastTimestampMs <= grid.to() ? n : view.upperBound(first, n, grid.to());
        const TimedValue& chunkMin = summary.finite.min;
        const TimedValue& chunkMax = summary.finite.max;
        while (first < end) {
            const qint64 firstTimestamp = view.timestampAt(first);
            const int column = grid.columnOf(firstTimestamp);
            const qint64 columnLast = grid.lastTimestampOf(column);
            const std::size_t pieceEnd
                = columnLast >= summary.lastTimestampMs ? end : view.upperBound(first + 1, end, columnLast);
            const std::size_t last = pieceEnd - 1;
            const qint64 lastTimestamp = view.timestampAt(last);

            FiniteExtremes extremes;
            extremes.first = { firstTimestamp, view.valueAt(first) };
            extremes.last = { lastTimestamp, view.valueAt(last) };
            extremes.empty = false;
            const FiniteExtremes* columnSoFar = builder.columnSoFar(column);
            const bool minInPiece = chunkMin.timestampMs >= firstTimestamp && chunkMin.timestampMs <= lastTimestamp;
            const bool maxInPiece = chunkMax.timestampMs >= firstTimestamp && chunkMax.timestampMs <= lastTimestamp;
            const bool searchMin = !minInPiece && !(columnSoFar && columnSoFar->min.value <= chunkMin.value);
            const bool searchMax = !maxInPiece && !(columnSoFar && columnSoFar->max.value >= chunkMax.value);
            const DecimalPackView::RangeExtremes found = view.argMinMax(first, last, searchMin, searchMax);
            // A settled-by-column extreme is stood in for by the first point, which cannot win the merge.
            extremes.min = minInPiece ? chunkMin
                : searchMin           ? TimedValue { view.timestampAt(found.minIndex), view.toValue(found.minScaled) }
                                      : extremes.first;
            extremes.max = maxInPiece ? chunkMax
                : searchMax           ? TimedValue { view.timestampAt(found.maxIndex), view.toValue(found.maxScaled) }
                                      : extremes.first;
            builder.addExtremes(column, extremes);
            first = pieceEnd;
        }
    }

    void maxOfRaw(const qint64* timestamps, const double* values, std::size_t n, qint64 fromMs, qint64 toMs,
        std::optional<double>& best)
    {
        std::size_t i = std::size_t(std::lower_bound(timestamps, timestamps + n, fromMs) - timestamps);
        for (; i < n && timestamps[i] <= toMs; ++i) {
            if (std::isfinite(values[i]) && (!best || values[i] > *best))
                best = values[i];
        }
    }

    void copyRaw(const qint64* timestamps, const double* values, std::size_t n, qint64 fromMs, qint64 toMs,
        std::vector<LatestSample>& out)
    {
        std::size_t i = std::size_t(std::lower_bound(timestamps, timestamps + n, fromMs) - timestamps);
        for (; i < n && timestamps[i] <= toMs; ++i)
            out.push_back({ timestamps[i], values[i] });
    }

    // Decode buffers for one query, sized on first use.
    struct DecodeScratch {
        std::vector<qint64> timestamps;
        std::vector<double> values;

        void decode(const SealedChunk& chunk)
        {
            const std::size_t n = chunk.summary().count;
            if (timestamps.size() < n) {
                timestamps.resize(n);
                values.resize(n);
            }
            chunk.decode(timestamps.data(), values.data());
        }
    };
}

SeriesHistory::SeriesHistory(QString key, QString metric, Labels labels, std::uint64_t sequence)
    : m_key(std::move(key))
    , m_metric(std::move(metric))
    , m_labels(std::move(labels))
    , m_sequence(sequence)
    , m_fixedBytes(estimateFixedBytes(m_key, m_metric, m_labels))
{
}

SeriesHistory::AppendOutcome SeriesHistory::append(const TimedValue* points, std::size_t n, qint64 retentionMs)
{
    AppendOutcome outcome;
    std::unique_lock lock(m_mutex);
    outcome.bytesBefore = byteSizeLocked();
    outcome.oldestBefore = oldestSealedLastTimestampLocked();
    for (std::size_t i = 0; i < n; ++i) {
        const TimedValue& point = points[i];
        if (!m_openTimestamps.empty() && point.timestampMs <= m_openTimestamps.back()) {
            const qint64 newest = m_openTimestamps.back();
            if (point.timestampMs < newest || point.subMsNanos < m_newestSubMsNanos) {
                ++outcome.rejectedOutOfOrder;
                continue;
            }
            if (point.subMsNanos == m_newestSubMsNanos && sameValue(point.value, m_openValues.back())) {
                ++outcome.rejectedDuplicate;
                continue;
            }
        }
        // Sealing waits for the next sample, so the open chunk is never empty once the series has data.
        if (m_openTimestamps.size() == chunkCapacity)
            sealOpenChunk();
        m_openTimestamps.push_back(point.timestampMs);
        m_openValues.push_back(point.value);
        m_newestSubMsNanos = point.subMsNanos;
        ++outcome.stored;
    }
    if (!m_openTimestamps.empty())
        outcome.evicted = evictBefore(saturatingSubtract(m_openTimestamps.back(), retentionMs));
    outcome.bytesAfter = byteSizeLocked();
    outcome.oldestAfter = oldestSealedLastTimestampLocked();
    return outcome;
}

void SeriesHistory::sealOpenChunk()
{
    m_sealed.push_back(SealedChunk::seal(m_openTimestamps.data(), m_openValues.data(), m_openTimestamps.size()));
    m_sealedBytes += m_sealed.back().byteSize();
    m_sealedSamples += m_openTimestamps.size();
    m_openTimestamps.clear();
    m_openValues.clear();
}

std::size_t SeriesHistory::evictBefore(qint64 cutoffMs)
{
    std::size_t evicted = 0;
    while (!m_sealed.empty() && m_sealed.front().summary().lastTimestampMs < cutoffMs) {
        evicted += m_sealed.front().summary().count;
        m_sealedBytes -= m_sealed.front().byteSize();
        m_sealed.pop_front();
    }
    m_sealedSamples -= evicted;
    return evicted;
}

std::optional<qint64> SeriesHistory::oldestSealedLastTimestamp() const
{
    std::shared_lock lock(m_mutex);
    return oldestSealedLastTimestampLocked();
}

std::size_t SeriesHistory::evictOldestChunk()
{
    std::unique_lock lock(m_mutex);
    if (m_sealed.empty())
        return 0;
    const std::size_t evicted = m_sealed.front().summary().count;
    m_sealedBytes -= m_sealed.front().byteSize();
    m_sealedSamples -= evicted;
    m_sealed.pop_front();
    return evicted;
}

std::size_t SeriesHistory::byteSize() const
{
    std::shared_lock lock(m_mutex);
    return byteSizeLocked();
}

std::uint64_t SeriesHistory::retainedSamples() const
{
    std::shared_lock lock(m_mutex);
    return m_sealedSamples + m_openTimestamps.size();
}

SeriesHistory::ChunkIterator SeriesHistory::firstChunkFrom(qint64 fromMs) const
{
    return std::partition_point(m_sealed.begin(), m_sealed.end(),
        [fromMs](const SealedChunk& chunk) { return chunk.summary().lastTimestampMs < fromMs; });
}

void SeriesHistory::decimate(const ColumnGrid& grid, M4Builder& builder) const
{
    std::shared_lock lock(m_mutex);
    for (auto chunk = firstChunkFrom(grid.from()); chunk != m_sealed.end(); ++chunk) {
        const ChunkSummary& summary = chunk->summary();
        if (summary.firstTimestampMs > grid.to())
            break;
        if (fullyInside(summary, grid.from(), grid.to())) {
            const int column = grid.columnOf(summary.firstTimestampMs);
            if (column == grid.columnOf(summary.lastTimestampMs)) {
                // The whole chunk falls in one pixel column: its summary is that column's contribution.
                builder.addNonFinite(summary.nonFiniteCount);
                if (summary.startsNonFinite)
                    builder.addGap(column, summary.firstTimestampMs);
                builder.addExtremes(column, summary.finite);
                if (summary.endsNonFinite)
                    builder.addGap(column, summary.lastTimestampMs);
                continue;
            }
        }
        if (chunk->encoding() == SealedChunk::Encoding::DecimalPack) {
            addPackedColumns(chunk->packedView(), summary, grid, builder);
            continue;
        }
        const DecodedChunkCache::Decoded& decoded = DecodedChunkCache::forThisThread().decode(*chunk);
        addRawColumns(decoded.timestamps.data(), decoded.values.data(), summary.count, grid, builder);
    }
    addRawColumns(m_openTimestamps.data(), m_openValues.data(), m_openTimestamps.size(), grid, builder);
}

std::optional<LatestSample> SeriesHistory::latest() const
{
    std::shared_lock lock(m_mutex);
    if (m_openTimestamps.empty())
        return std::nullopt;
    return LatestSample { m_openTimestamps.back(), m_openValues.back() };
}

std::optional<double> SeriesHistory::maxInRange(qint64 fromMs, qint64 toMs) const
{
    std::optional<double> best;
    std::shared_lock lock(m_mutex);
    DecodeScratch scratch;
    for (auto chunk = firstChunkFrom(fromMs); chunk != m_sealed.end(); ++chunk) {
        const ChunkSummary& summary = chunk->summary();
        if (summary.firstTimestampMs > toMs)
            break;
        if (fullyInside(summary, fromMs, toMs)) {
            if (!summary.finite.empty && (!best || summary.finite.max.value > *best))
                best = summary.finite.max.value;
            continue;
        }
        if (chunk->encoding() == SealedChunk::Encoding::DecimalPack) {
            const DecimalPackView view = chunk->packedView();
            const std::size_t first = view.lowerBound(0, view.count(), fromMs);
            const std::size_t end = view.upperBound(first, view.count(), toMs);
            if (first < end) {
                const double value = view.toValue(view.argMinMax(first, end - 1, false, true).maxScaled);
                if (!best || value > *best)
                    best = value;
            }
            continue;
        }
        scratch.decode(*chunk);
        maxOfRaw(scratch.timestamps.data(), scratch.values.data(), summary.count, fromMs, toMs, best);
    }
    maxOfRaw(m_openTimestamps.data(), m_openValues.data(), m_openTimestamps.size(), fromMs, toMs, best);
    return best;
}

void SeriesHistory::appendSamples(qint64 fromMs, qint64 toMs, std::vector<LatestSample>& out) const
{
    std::shared_lock lock(m_mutex);
    const ChunkIterator begin = firstChunkFrom(fromMs);
    std::size_t upperBound = m_openTimestamps.size();
    for (auto chunk = begin; chunk != m_sealed.end() && chunk->summary().firstTimestampMs <= toMs; ++chunk)
        upperBound += chunk->summary().count;
    out.reserve(out.size() + upperBound);
    DecodeScratch scratch;
    for (auto chunk = begin; chunk != m_sealed.end(); ++chunk) {
        const ChunkSummary& summary = chunk->summary();
        if (summary.firstTimestampMs > toMs)
            break;
        scratch.decode(*chunk);
        copyRaw(scratch.timestamps.data(), scratch.values.data(), summary.count, fromMs, toMs, out);
    }
    copyRaw(m_openTimestamps.data(), m_openValues.data(), m_openTimestamps.size(), fromMs, toMs, out);
}

} // namespace perfdash
