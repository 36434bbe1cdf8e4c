#include "StoreHistogramFrames.h"

#include "BucketCounterFrames.h"
#include "TimeSeriesStore.h"

#include <algorithm>

namespace perfdash {

HistogramFrames storeHistogramFrames(const TimeSeriesStore& store, const QString& histogram, qint64 fromMs, qint64 toMs,
    qint64 stepMs, qint64 rateWindowMs)
{
    if (stepMs <= 0 || toMs <= fromMs)
        return {};
    const qint64 rangeMs = std::max(stepMs, rateWindowMs);
    RateGrid grid;
    grid.stepMs = stepMs;
    grid.rangeMs = rangeMs;
    grid.fromMs = (fromMs + stepMs - 1) / stepMs * stepMs;
    grid.toMs = toMs / stepMs * stepMs;
    QList<BucketCounter> counters;
    for (const QString& key : store.seriesKeys(histogram + QStringLiteral("_bucket"))) {
        BucketCounter counter;
        for (const auto& [name, value] : store.labels(key)) {
            if (name == u"le")
                counter.le = value;
        }
        // Without an le a series is no bucket; framesFromBucketCounters names it.
        counter.samples = store.samples(key, grid.fromMs - rangeMs, grid.toMs);
        counters << std::move(counter);
    }
    HistogramFrames frames = framesFromBucketCounters(counters, grid);
    frames.stepMs = stepMs;
    return frames;
}

} // namespace perfdash
