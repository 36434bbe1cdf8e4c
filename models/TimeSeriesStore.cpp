#include "TimeSeriesStore.h"

#include "ColumnGrid.h"
#include "M4Builder.h"
#include "SeriesHistory.h"

#include <QHash>
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <tuple>

namespace perfdash {

namespace {
    bool isNormalized(const Labels& labels)
    {
        return std::adjacent_find(labels.begin(), labels.end(), [](const auto& a, const auto& b) {
            return !(a.first < b.first);
        }) == labels.end();
    }

    // Samples of one batch that belong to one series, in batch order.
    struct BatchSeries {
        QString key;
        const Sample* prototype = nullptr; // first sample of the series in the batch, for metric and labels
        std::size_t count = 0;
        std::size_t offset = 0; // start of its points in the batch's grouped point array
        std::shared_ptr<SeriesHistory> history;
    };
}

// Locking: appends run one at a time (appendMutex), so the writer never races itself. The series map
// and metric index sit behind a reader/writer lock taken exclusively only to add or drop series; each
// series has its own reader/writer lock, held while appending or sealing that series' chunk. A reader
// therefore only waits for work on the very series it reads, and key building happens before any lock.
struct TimeSeriesStore::Impl {
    explicit Impl(StoreLimits storeLimits)
        : limits(storeLimits)
    {
    }

    std::shared_ptr<SeriesHistory> find(const QString& key) const
    {
        std::shared_lock lock(mapMutex);
        return series.value(key);
    }

    void resolveSeries(std::vector<BatchSeries>& batchSeries);
    // Re-files a series in oldestChunks after its oldest sealed chunk may have changed.
    void trackOldestChunk(SeriesHistory& history, std::optional<qint64> before);
    std::size_t evictOverBudget();

    const StoreLimits limits;
    std::mutex appendMutex;
    mutable std::shared_mutex mapMutex;
    QHash<QString, std::shared_ptr<SeriesHistory>> series;
    std::map<QString, QStringList> keysByMetric; // each list sorted
    std::uint64_t nextSequence = 0;
    // Every series' oldest sealed chunk by (end, series creation order): the memory budget evicts from
    // the front without scanning all series. Writer-only, like the chunks it describes.
    std::set<std::tuple<qint64, std::uint64_t, SeriesHistory*>> oldestChunks;

    // Written under appendMutex, read by stats() from any thread.
    std::atomic<std::size_t> totalBytes { 0 };
    std::atomic<std::uint64_t> retainedSamples { 0 };
    std::atomic<std::uint64_t> storedTotal { 0 };
    std::atomic<std::uint64_t> evictedSamples { 0 };
    std::atomic<std::uint64_t> rejectedOutOfOrder { 0 };
    std::atomic<std::uint64_t> rejectedSeriesLimit { 0 };
};

void TimeSeriesStore::Impl::resolveSeries(std::vector<BatchSeries>& batchSeries)
{
    bool anyMissing = false;
    {
        std::shared_lock lock(mapMutex);
        for (BatchSeries& entry : batchSeries) {
            entry.history = series.value(entry.key);
            anyMissing = anyMissing || !entry.history;
        }
    }
    if (!anyMissing)
        return;
    // New series in order of first appearance in the batch, so the limit cuts off deterministically.
    std::unique_lock lock(mapMutex);
    for (BatchSeries& entry : batchSeries) {
        if (entry.history || std::size_t(series.size()) >= limits.maxSeries)
            continue;
        Labels labels = entry.prototype->labels;
        normalizeLabels(labels);
        entry.history
            = std::make_shared<SeriesHistory>(entry.key, entry.prototype->metric, std::move(labels), nextSequence++);
        series.insert(entry.key, entry.history);
        QStringList& keys = keysByMetric[entry.prototype->metric];
        keys.insert(std::lower_bound(keys.begin(), keys.end(), entry.key), entry.key);
        totalBytes += entry.history->byteSize();
    }
}

void TimeSeriesStore::Impl::trackOldestChunk(SeriesHistory& history, std::optional<qint64> before)
{
    const std::optional<qint64> after = history.oldestSealedLastTimestamp();
    if (before == after)
        return;
    if (before)
        oldestChunks.erase({ *before, history.sequence(), &history });
    if (after)
        oldestChunks.insert({ *after, history.sequence(), &history });
}

std::size_t TimeSeriesStore::Impl::evictOverBudget()
{
    std::size_t evicted = 0;
    while (totalBytes > limits.memoryBudgetBytes && !oldestChunks.empty()) {
        SeriesHistory& history = *std::get<SeriesHistory*>(*oldestChunks.begin());
        const std::optional<qint64> before = history.oldestSealedLastTimestamp();
        const std::size_t bytesBefore = history.byteSize();
        evicted += history.evictOldestChunk();
        totalBytes -= bytesBefore - history.byteSize();
        trackOldestChunk(history, before);
    }
    return evicted;
}

TimeSeriesStore::TimeSeriesStore(StoreLimits limits)
    : m_impl(std::make_unique<Impl>(limits))
{
}

TimeSeriesStore::~TimeSeriesStore() = default;

AppendResult TimeSeriesStore::append(const SampleBatch& batch)
{
    AppendResult result;
    if (batch.empty())
        return result;

    // Keys first, without any lock. Exporters send a series' samples together, so consecutive samples
    // usually share metric and labels and reuse the previous key.
    std::vector<BatchSeries> batchSeries;
    QHash<QString, std::size_t> seriesIndexByKey;
    std::vector<std::size_t> seriesIndexOfSample(batch.size());
    const Sample* previous = nullptr;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Sample& sample = batch[i];
        if (previous && sample.metric == previous->metric && sample.labels == previous->labels) {
            seriesIndexOfSample[i] = seriesIndexOfSample[i - 1];
        } else {
            QString key;
            if (isNormalized(sample.labels)) {
                key = seriesKey(sample.metric, sample.labels);
            } else {
                Labels labels = sample.labels;
                normalizeLabels(labels);
                key = seriesKey(sample.metric, labels);
            }
            auto known = seriesIndexByKey.constFind(key);
            if (known == seriesIndexByKey.constEnd()) {
                known = seriesIndexByKey.insert(key, batchSeries.size());
                batchSeries.push_back({ key, &sample, 0, 0, nullptr });
            }
            seriesIndexOfSample[i] = known.value();
        }
        ++batchSeries[seriesIndexOfSample[i]].count;
        previous = &sample;
    }
    // Group points by series with a counting sort, keeping batch order within each series.
    std::size_t offset = 0;
    for (BatchSeries& entry : batchSeries) {
        entry.offset = offset;
        offset += entry.count;
    }
    std::vector<TimedValue> grouped(batch.size());
    {
        std::vector<std::size_t> fill(batchSeries.size(), 0);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const std::size_t index = seriesIndexOfSample[i];
            grouped[batchSeries[index].offset + fill[index]++] = { batch[i].timestampMs, batch[i].value };
        }
    }

    Impl& impl = *m_impl;
    std::lock_guard appendLock(impl.appendMutex);
    impl.resolveSeries(batchSeries);
    std::size_t evicted = 0;
    for (const BatchSeries& entry : batchSeries) {
        if (!entry.history) {
            result.rejectedSeriesLimit += entry.count;
            continue;
        }
        const std::size_t bytesBefore = entry.history->byteSize();
        const std::optional<qint64> oldestBefore = entry.history->oldestSealedLastTimestamp();
        const SeriesHistory::AppendOutcome outcome
            = entry.history->append(grouped.data() + entry.offset, entry.count, impl.limits.retentionMs);
        impl.totalBytes += entry.history->byteSize() - bytesBefore; // modular: shrinking works too
        impl.trackOldestChunk(*entry.history, oldestBefore);
        result.stored += outcome.stored;
        result.rejectedOutOfOrder += outcome.rejectedOutOfOrder;
        evicted += outcome.evicted;
    }
    evicted += impl.evictOverBudget();

    // Totals before the retained count, so a concurrent stats() never sees more retained than stored.
    impl.storedTotal += result.stored;
    impl.evictedSamples += evicted;
    impl.retainedSamples += std::uint64_t(result.stored) - evicted;
    impl.rejectedOutOfOrder += result.rejectedOutOfOrder;
    impl.rejectedSeriesLimit += result.rejectedSeriesLimit;
    return result;
}

QList<SeriesInfo> TimeSeriesStore::seriesForMetric(const QString& metric) const
{
    QList<SeriesInfo> infos;
    std::shared_lock lock(m_impl->mapMutex);
    const auto keys = m_impl->keysByMetric.find(metric);
    if (keys == m_impl->keysByMetric.end())
        return infos;
    infos.reserve(keys->second.size());
    for (const QString& key : keys->second)
        infos.append({ key, m_impl->series.value(key)->labels() });
    return infos;
}

QStringList TimeSeriesStore::metricNames() const
{
    QStringList names;
    std::shared_lock lock(m_impl->mapMutex);
    names.reserve(qsizetype(m_impl->keysByMetric.size()));
    for (const auto& entry : m_impl->keysByMetric)
        names.append(entry.first);
    return names;
}

TimeSeriesStore::DecimatedSeries TimeSeriesStore::decimate(
    const QString& seriesKey, qint64 fromMs, qint64 toMs, int pixelColumns) const
{
    DecimatedSeries decimated;
    if (fromMs > toMs || pixelColumns <= 0)
        return decimated;
    const std::shared_ptr<SeriesHistory> history = m_impl->find(seriesKey);
    if (!history)
        return decimated;
    M4Builder builder(decimated, pixelColumns);
    history->decimate(ColumnGrid(fromMs, toMs, pixelColumns), builder);
    builder.finish();
    return decimated;
}

std::optional<LatestSample> TimeSeriesStore::latest(const QString& seriesKey) const
{
    const std::shared_ptr<SeriesHistory> history = m_impl->find(seriesKey);
    return history ? history->latest() : std::nullopt;
}

std::optional<double> TimeSeriesStore::maxInRange(const QString& seriesKey, qint64 fromMs, qint64 toMs) const
{
    if (fromMs > toMs)
        return std::nullopt;
    const std::shared_ptr<SeriesHistory> history = m_impl->find(seriesKey);
    return history ? history->maxInRange(fromMs, toMs) : std::nullopt;
}

std::vector<LatestSample> TimeSeriesStore::samples(const QString& seriesKey, qint64 fromMs, qint64 toMs) const
{
    std::vector<LatestSample> result;
    if (fromMs > toMs)
        return result;
    if (const std::shared_ptr<SeriesHistory> history = m_impl->find(seriesKey))
        history->appendSamples(fromMs, toMs, result);
    return result;
}

StoreStats TimeSeriesStore::stats() const
{
    StoreStats stats;
    {
        std::shared_lock lock(m_impl->mapMutex);
        stats.seriesCount = std::size_t(m_impl->series.size());
    }
    stats.retainedSamples = m_impl->retainedSamples;
    stats.encodedBytes = m_impl->totalBytes;
    stats.storedTotal = m_impl->storedTotal;
    stats.evictedSamples = m_impl->evictedSamples;
    stats.rejectedOutOfOrder = m_impl->rejectedOutOfOrder;
    stats.rejectedSeriesLimit = m_impl->rejectedSeriesLimit;
    return stats;
}

StoreLimits TimeSeriesStore::limits() const { return m_impl->limits; }

void TimeSeriesStore::clear()
{
    Impl& impl = *m_impl;
    std::lock_guard appendLock(impl.appendMutex);
    QHash<QString, std::shared_ptr<SeriesHistory>> dropped;
    {
        std::unique_lock lock(impl.mapMutex);
        dropped.swap(impl.series);
        impl.keysByMetric.clear();
        impl.oldestChunks.clear();
        impl.totalBytes = 0;
        impl.retainedSamples = 0;
        impl.storedTotal = 0;
        impl.evictedSamples = 0;
        impl.rejectedOutOfOrder = 0;
        impl.rejectedSeriesLimit = 0;
    }
    // Chunks are freed here, outside the map lock (readers may still hold a series until they finish).
    dropped.clear();
}

} // namespace perfdash
