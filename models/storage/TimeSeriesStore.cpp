#include "TimeSeriesStore.h"

#include "ColumnGrid.h"
#include "M4Builder.h"
#include "SeriesHistory.h"

#include <QHash>
#include <QLocale>
#include <QSet>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <tuple>
#include <unordered_map>

namespace perfdash {

namespace {
    bool isNormalized(const Labels& labels)
    {
        return std::adjacent_find(labels.begin(), labels.end(), [](const auto& a, const auto& b) {
            return !(a.first < b.first);
        }) == labels.end();
    }

    // Binary equality of the UTF-16 units, as QString's operator== (which goes through the slower
    // general compareStrings in Qt 6.4); implicitly shared copies skip the compare.
    bool sameText(const QString& a, const QString& b)
    {
        return a.size() == b.size()
            && (a.constData() == b.constData()
                || std::memcmp(a.constData(), b.constData(), std::size_t(a.size()) * sizeof(QChar)) == 0);
    }

    bool sameLabels(const Labels& a, const Labels& b)
    {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
            return sameText(x.first, y.first) && sameText(x.second, y.second);
        });
    }

    // A fast seeded hash over a string's UTF-16 units, 8 bytes at a time. Debian's Qt is built without
    // its AES hash, and its SipHash fallback cost more than the rest of an append; equality is always
    // checked after the hash, so this only needs to spread keys well.
    std::uint64_t mix(std::uint64_t hash, std::uint64_t word)
    {
        hash ^= word;
        hash *= 0x9E3779B97F4A7C15ull;
        return hash ^ (hash >> 29);
    }

    std::uint64_t hashText(std::uint64_t hash, const QString& text)
    {
        const auto* bytes = reinterpret_cast<const unsigned char*>(text.constData());
        std::size_t size = std::size_t(text.size()) * sizeof(QChar);
        hash = mix(hash, size);
        for (; size >= 8; size -= 8, bytes += 8) {
            std::uint64_t word;
            std::memcpy(&word, bytes, 8);
            hash = mix(hash, word);
        }
        if (size > 0) {
            std::uint64_t word = 0;
            std::memcpy(&word, bytes, size);
            hash = mix(hash, word);
        }
        return hash;
    }

    // Hash of a series' identity (metric and normalized labels), so a known series is found without
    // building its key string.
    std::size_t identityHash(const QString& metric, const Labels& labels, std::uint64_t seed)
    {
        std::uint64_t hash = hashText(seed, metric);
        for (const auto& [name, value] : labels)
            hash = hashText(hashText(hash, name), value);
        return std::size_t(hash);
    }

    // A known series in the writer's identity index. batch/slot say where it sits in the batch being
    // appended, so grouping a batch by series needs no second hash lookup.
    struct IdentityEntry {
        SeriesHistory* history = nullptr;
        std::uint64_t batch = 0;
        std::size_t slot = 0;
    };

    // Samples of one batch that belong to one series, in batch order.
    struct BatchSeries {
        const QString* metric = nullptr;
        const Labels* labels = nullptr; // normalized
        std::size_t hash = 0;
        std::size_t count = 0;
        std::size_t offset = 0; // start of its points in the batch's grouped point array
        SeriesHistory* history = nullptr; // null until resolved; stays null over StoreLimits::maxSeries
        IdentityEntry* entry = nullptr; // its entry in the identity index, once resolved
    };
}

// Locking: appends run one at a time (appendMutex), so the writer never races itself. The series map
// and metric index sit behind a reader/writer lock taken exclusively only to add or drop series; each
// series has its own reader/writer lock, held while appending or sealing that series' chunk. A reader
// therefore only waits for work on the very series it reads. The writer finds known series through its
// own identity index (hash of metric and labels) without taking the map lock or building key strings.
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

    // Groups the batch by series into batchSeries, seriesOfSample and grouped; known series are resolved.
    void groupBatch(const SampleBatch& batch);
    // Creates the batch's new series, in order of first appearance, up to StoreLimits::maxSeries.
    void createNewSeries();
    // Frees the scratch after an unusually big batch, so one burst does not pin its memory.
    void trimScratch();
    // Re-files a series in oldestChunks after its oldest sealed chunk may have changed.
    void trackOldestChunk(SeriesHistory& history, std::optional<qint64> before);
    void trackOldestChunk(SeriesHistory& history, std::optional<qint64> before, std::optional<qint64> after);
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
    // Writer-only: every series by identityHash(); the map above owns them.
    std::unordered_multimap<std::size_t, IdentityEntry> seriesByIdentity;
    std::uint64_t batchNumber = 0;
    // Random per process (Qt's), so a stream cannot pick colliding series names in advance.
    const std::uint64_t hashSeed = std::uint64_t(QHashSeed::globalSeed());
    // Per-append scratch, kept between appends so a batch costs no allocations once they have grown.
    std::vector<BatchSeries> batchSeries;
    std::vector<std::size_t> seriesOfSample;
    std::vector<TimedValue> grouped;
    std::vector<std::size_t> fill;
    std::deque<Labels> normalizedLabels; // for samples whose labels came unsorted (rare)
    std::unordered_multimap<std::size_t, std::size_t> newSeriesSlots; // by hash, within one batch
    // The previous batch's series in order of first appearance (null where one was refused). Exporters
    // send the same series in the same order every time, so the n-th new series of a batch is tried
    // against the n-th of the previous one before hashing. Index entries never move (node-based map).
    std::vector<IdentityEntry*> previousOrder;

    // Written under appendMutex, read by stats() from any thread.
    std::atomic<std::size_t> totalBytes { 0 };
    std::atomic<std::uint64_t> retainedSamples { 0 };
    std::atomic<std::uint64_t> storedTotal { 0 };
    std::atomic<std::uint64_t> evictedSamples { 0 };
    std::atomic<std::uint64_t> changes { 0 }; // never reset: changeCount() must not repeat a value
    std::atomic<std::uint64_t> rejectedOutOfOrder { 0 };
    std::atomic<std::uint64_t> rejectedDuplicate { 0 };
    std::atomic<std::uint64_t> rejectedSeriesLimit { 0 };
    // By metric; written under appendMutex, read by stats().
    mutable std::mutex rejectionMutex;
    std::map<QString, CardinalityRejection> rejections;

    void countRejection(const QString& metric, std::size_t samples);
};

void TimeSeriesStore::Impl::countRejection(const QString& metric, std::size_t samples)
{
    std::lock_guard lock(rejectionMutex);
    auto found = rejections.find(metric);
    if (found == rejections.end()) {
        // First refusal for this metric: find the label that exploded, once. The writer is the only one
        // to change the series map, so it reads it here without the map lock.
        CardinalityRejection rejection;
        rejection.metric = metric;
        const auto keys = keysByMetric.find(metric);
        const std::size_t ofMetric = keys == keysByMetric.end() ? 0 : std::size_t(keys->second.size());
        rejection.storeWide = ofMetric < limits.maxSeriesPerMetric;
        rejection.limit = rejection.storeWide ? limits.maxSeries : limits.maxSeriesPerMetric;
        if (keys != keysByMetric.end()) {
            QHash<QString, QSet<QString>> valuesByLabel;
            for (const QString& key : keys->second) {
                for (const auto& [name, value] : series.value(key)->labels())
                    valuesByLabel[name].insert(value);
            }
            for (auto it = valuesByLabel.cbegin(); it != valuesByLabel.cend(); ++it) {
                if (std::size_t(it.value().size()) > rejection.labelValues
                    || (std::size_t(it.value().size()) == rejection.labelValues && it.key() < rejection.label)) {
                    rejection.label = it.key();
                    rejection.labelValues = std::size_t(it.value().size());
                }
            }
        }
        found = rejections.emplace(metric, rejection).first;
    }
    found->second.rejectedSamples += samples;
}

QString CardinalityRejection::describe() const
{
    const QLocale english(QLocale::English);
    QString text = QStringLiteral("%1: %2%3-series limit reached")
                       .arg(metric, storeWide ? QStringLiteral("store-wide ") : QString(),
                           english.toString(qulonglong(limit)));
    if (!label.isEmpty())
        text += QStringLiteral("; label \"%1\" has %2 values").arg(label, english.toString(qulonglong(labelValues)));
    return text + QStringLiteral("; %1 samples refused").arg(english.toString(qulonglong(rejectedSamples)));
}

void TimeSeriesStore::Impl::groupBatch(const SampleBatch& batch)
{
    ++batchNumber;
    batchSeries.clear();
    normalizedLabels.clear();
    newSeriesSlots.clear();
    seriesOfSample.resize(batch.size());
    const Sample* previous = nullptr;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Sample& sample = batch[i];
        // Exporters send a series' samples together, so consecutive samples often share the series.
        if (previous && sameText(sample.metric, previous->metric) && sameLabels(sample.labels, previous->labels)) {
            seriesOfSample[i] = seriesOfSample[i - 1];
            ++batchSeries[seriesOfSample[i]].count;
            previous = &sample;
            continue;
        }
        previous = &sample;
        const Labels* labels = &sample.labels;
        if (!isNormalized(sample.labels)) {
            normalizedLabels.push_back(sample.labels);
            normalizeLabels(normalizedLabels.back());
            labels = &normalizedLabels.back();
        }
        const auto matches = [&](const IdentityEntry& entry) {
            return sameText(entry.history->metric(), sample.metric) && sameLabels(entry.history->labels(), *labels);
        };
        const auto use = [&](IdentityEntry& entry, std::size_t hash) {
            if (entry.batch != batchNumber) {
                entry.batch = batchNumber;
                entry.slot = batchSeries.size();
                batchSeries.push_back({ &sample.metric, labels, hash, 0, 0, entry.history, &entry });
            }
            return entry.slot;
        };
        std::size_t slot = batchSeries.size();
        bool found = false;
        if (slot < previousOrder.size() && previousOrder[slot] && matches(*previousOrder[slot])) {
            slot = use(*previousOrder[slot], 0);
            found = true;
        }
        std::size_t hash = 0;
        if (!found) {
            hash = identityHash(sample.metric, *labels, hashSeed);
            for (auto [it, end] = seriesByIdentity.equal_range(hash); !found && it != end; ++it) {
                if (matches(it->second)) {
                    slot = use(it->second, hash);
                    found = true;
                }
            }
        }
        if (!found) {
            // Not stored yet: the same new series may still have come earlier in this batch.
            for (auto [it, end] = newSeriesSlots.equal_range(hash); it != end; ++it) {
                const BatchSeries& other = batchSeries[it->second];
                if (sameText(*other.metric, sample.metric) && sameLabels(*other.labels, *labels)) {
                    slot = it->second;
                    found = true;
                    break;
                }
            }
            if (!found) {
                newSeriesSlots.emplace(hash, slot);
                batchSeries.push_back({ &sample.metric, labels, hash, 0, 0, nullptr, nullptr });
            }
        }
        seriesOfSample[i] = slot;
        ++batchSeries[slot].count;
    }

    // Group points by series with a counting sort, keeping batch order within each series.
    std::size_t offset = 0;
    for (BatchSeries& entry : batchSeries) {
        entry.offset = offset;
        offset += entry.count;
    }
    grouped.resize(batch.size());
    fill.assign(batchSeries.size(), 0);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const std::size_t slot = seriesOfSample[i];
        grouped[batchSeries[slot].offset + fill[slot]++]
            = { batch[i].timestampMs, batch[i].value, batch[i].subMsNanos };
    }
}

void TimeSeriesStore::Impl::createNewSeries()
{
    if (newSeriesSlots.empty())
        return;
    // In order of first appearance in the batch, so the limit cuts off deterministically.
    std::unique_lock lock(mapMutex);
    for (BatchSeries& entry : batchSeries) {
        if (entry.history || std::size_t(series.size()) >= limits.maxSeries)
            continue;
        if (const auto ofMetric = keysByMetric.find(*entry.metric);
            ofMetric != keysByMetric.end() && std::size_t(ofMetric->second.size()) >= limits.maxSeriesPerMetric)
            continue;
        const QString key = seriesKey(*entry.metric, *entry.labels);
        auto history = std::make_shared<SeriesHistory>(key, *entry.metric, *entry.labels, nextSequence++);
        entry.history = history.get();
        series.insert(key, history);
        entry.entry = &seriesByIdentity.emplace(entry.hash, IdentityEntry { entry.history, batchNumber, 0 })->second;
        QStringList& keys = keysByMetric[*entry.metric];
        keys.insert(std::lower_bound(keys.begin(), keys.end(), key), key);
        totalBytes += history->byteSize();
    }
}

void TimeSeriesStore::Impl::trimScratch()
{
    constexpr std::size_t keptSamples = 64 * 1024;
    normalizedLabels.clear();
    if (grouped.capacity() <= keptSamples && batchSeries.capacity() <= keptSamples)
        return;
    // Swapped with empty ones: "= {}" would pick the initializer_list assignment and keep the capacity.
    std::vector<BatchSeries>().swap(batchSeries);
    std::vector<IdentityEntry*>().swap(previousOrder);
    std::vector<std::size_t>().swap(seriesOfSample);
    std::vector<TimedValue>().swap(grouped);
    std::vector<std::size_t>().swap(fill);
    std::unordered_multimap<std::size_t, std::size_t>().swap(newSeriesSlots);
}

void TimeSeriesStore::Impl::trackOldestChunk(SeriesHistory& history, std::optional<qint64> before)
{
    trackOldestChunk(history, before, history.oldestSealedLastTimestamp());
}

void TimeSeriesStore::Impl::trackOldestChunk(
    SeriesHistory& history, std::optional<qint64> before, std::optional<qint64> after)
{
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

    Impl& impl = *m_impl;
    std::lock_guard appendLock(impl.appendMutex);
    impl.groupBatch(batch);
    impl.createNewSeries();
    impl.previousOrder.clear();
    for (const BatchSeries& entry : impl.batchSeries)
        impl.previousOrder.push_back(entry.entry);
    std::size_t evicted = 0;
    for (const BatchSeries& entry : impl.batchSeries) {
        if (!entry.history) {
            result.rejectedSeriesLimit += entry.count;
            impl.countRejection(*entry.metric, entry.count);
            continue;
        }
        const SeriesHistory::AppendOutcome outcome
            = entry.history->append(impl.grouped.data() + entry.offset, entry.count, impl.limits.retentionMs);
        impl.totalBytes += outcome.bytesAfter - outcome.bytesBefore; // modular: shrinking works too
        impl.trackOldestChunk(*entry.history, outcome.oldestBefore, outcome.oldestAfter);
        result.stored += outcome.stored;
        result.rejectedOutOfOrder += outcome.rejectedOutOfOrder;
        result.rejectedDuplicate += outcome.rejectedDuplicate;
        evicted += outcome.evicted;
    }
    evicted += impl.evictOverBudget();
    impl.trimScratch();

    // Totals before the retained count, so a concurrent stats() never sees more retained than stored.
    impl.storedTotal += result.stored;
    impl.evictedSamples += evicted;
    impl.retainedSamples += std::uint64_t(result.stored) - evicted;
    impl.rejectedOutOfOrder += result.rejectedOutOfOrder;
    impl.rejectedDuplicate += result.rejectedDuplicate;
    impl.rejectedSeriesLimit += result.rejectedSeriesLimit;
    if (result.stored > 0 || evicted > 0)
        impl.changes.fetch_add(1, std::memory_order_release);
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

QStringList TimeSeriesStore::seriesKeys(const QString& metric) const
{
    std::shared_lock lock(m_impl->mapMutex);
    const auto keys = m_impl->keysByMetric.find(metric);
    return keys == m_impl->keysByMetric.end() ? QStringList() : keys->second;
}

Labels TimeSeriesStore::labels(const QString& seriesKey) const
{
    const std::shared_ptr<SeriesHistory> history = m_impl->find(seriesKey);
    return history ? history->labels() : Labels();
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
    stats.rejectedDuplicate = m_impl->rejectedDuplicate;
    stats.rejectedSeriesLimit = m_impl->rejectedSeriesLimit;
    {
        std::lock_guard lock(m_impl->rejectionMutex);
        for (const auto& [metric, rejection] : m_impl->rejections)
            stats.cardinality.append(rejection);
    }
    std::stable_sort(stats.cardinality.begin(), stats.cardinality.end(),
        [](const CardinalityRejection& a, const CardinalityRejection& b) { return a.rejectedSamples > b.rejectedSamples; });
    return stats;
}

std::uint64_t TimeSeriesStore::changeCount() const { return m_impl->changes.load(std::memory_order_acquire); }

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
        impl.seriesByIdentity.clear();
        impl.previousOrder.clear();
        impl.totalBytes = 0;
        impl.retainedSamples = 0;
        impl.storedTotal = 0;
        impl.evictedSamples = 0;
        impl.rejectedOutOfOrder = 0;
        impl.rejectedDuplicate = 0;
        impl.rejectedSeriesLimit = 0;
    }
    impl.changes.fetch_add(1, std::memory_order_release);
    {
        std::lock_guard lock(impl.rejectionMutex);
        impl.rejections.clear();
    }
    // Chunks are freed here, outside the map lock (readers may still hold a series until they finish).
    dropped.clear();
}

} // namespace perfdash
