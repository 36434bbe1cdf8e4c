#pragma once

#include "Sample.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace perfdash {

class SeriesHistory;

struct StoreLimits {
    // Samples older than (newest timestamp of the series - retention) are evicted.
    qint64 retentionMs = 24LL * 3600 * 1000;
    // When the encoded size of all series exceeds this, the oldest sealed chunks go first.
    std::size_t memoryBudgetBytes = 256u * 1024u * 1024u;
    // New series beyond these are refused (and counted per metric): a cardinality explosion, such as a
    // request-id label, must not eat memory. Per metric, so one exploding metric leaves room for the rest.
    std::size_t maxSeriesPerMetric = 20000;
    std::size_t maxSeries = 50000;
};

// New series of one metric that the store refused: which limit, and the label whose values exploded.
struct CardinalityRejection {
    QString metric;
    std::size_t limit = 0;
    bool storeWide = false; // StoreLimits::maxSeries rather than maxSeriesPerMetric
    // The metric's label with the most distinct values among its stored series, when it has any.
    QString label;
    std::size_t labelValues = 0;
    std::uint64_t rejectedSamples = 0;

    // 'api_latency_seconds: 20,000-series limit reached; label "id" has 19,874 values; 1,234 samples refused'
    QString describe() const;
};

struct AppendResult {
    std::size_t stored = 0;
    // Timestamp before the series' newest one at full precision (reordered delivery).
    std::size_t rejectedOutOfOrder = 0;
    // Same full-precision timestamp and same value as the series' newest sample (resent delivery).
    std::size_t rejectedDuplicate = 0;
    // A new series over StoreLimits::maxSeries.
    std::size_t rejectedSeriesLimit = 0;
};

struct StoreStats {
    std::size_t seriesCount = 0;
    std::uint64_t retainedSamples = 0;
    std::size_t encodedBytes = 0;
    std::uint64_t storedTotal = 0;
    std::uint64_t evictedSamples = 0;
    std::uint64_t rejectedOutOfOrder = 0;
    std::uint64_t rejectedDuplicate = 0;
    std::uint64_t rejectedSeriesLimit = 0;
    // Per metric that hit a limit, most refused samples first.
    QList<CardinalityRejection> cardinality;
};

struct SeriesInfo {
    QString key;
    Labels labels;
};

struct LatestSample {
    qint64 timestampMs = 0;
    double value = 0.0;
};

// Thread-safe history of many series: the ingest thread appends, the GUI thread reads decimated views.
class TimeSeriesStore {
public:
    explicit TimeSeriesStore(StoreLimits limits = {});
    ~TimeSeriesStore();
    TimeSeriesStore(const TimeSeriesStore&) = delete;
    TimeSeriesStore& operator=(const TimeSeriesStore&) = delete;

    AppendResult append(const SampleBatch& batch);

    // Series of one metric name, ordered by key.
    QList<SeriesInfo> seriesForMetric(const QString& metric) const;
    // Only their keys, ordered: a shared copy, so it costs nothing however many series there are.
    QStringList seriesKeys(const QString& metric) const;
    // One series' labels; empty for an unknown key.
    Labels labels(const QString& seriesKey) const;
    QStringList metricNames() const;

    // M4 decimation of [fromMs, toMs]: first, min, max and last finite sample of each pixel column, in
    // time order; x is unix milliseconds as double. Non-finite values are gaps: a NaN point where the line
    // must break (before or after a column's points, at most 6 points per column; see M4Builder), each
    // counted in nonFiniteCount.
    struct DecimatedSeries {
        QList<QPointF> points;
        double minValue = 0.0; // over finite values in range; meaningless when points is empty
        double maxValue = 0.0;
        std::size_t nonFiniteCount = 0;
    };
    DecimatedSeries decimate(const QString& seriesKey, qint64 fromMs, qint64 toMs, int pixelColumns) const;

    std::optional<LatestSample> latest(const QString& seriesKey) const;
    // Largest finite value in [fromMs, toMs]; nullopt when there is none.
    std::optional<double> maxInRange(const QString& seriesKey, qint64 fromMs, qint64 toMs) const;
    // Every raw sample of [fromMs, toMs] in time order (exports, tests).
    std::vector<LatestSample> samples(const QString& seriesKey, qint64 fromMs, qint64 toMs) const;

    StoreStats stats() const;
    // Goes up whenever what a reader could see may have changed (samples stored or evicted, a clear), after
    // the change: a reader that saw the same count before and after drawing has drawn the latest. Cheap.
    std::uint64_t changeCount() const;
    StoreLimits limits() const;
    void clear();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perfdash
