#include "BucketCounterFrames.h"

#include "ClassicBucketFrames.h"
#include "CounterRate.h"
#include "QueryResult.h"

namespace perfdash {

HistogramFrames framesFromBucketCounters(const QList<BucketCounter>& counters, const RateGrid& grid)
{
    if (grid.stepMs <= 0 || grid.toMs < grid.fromMs) {
        HistogramFrames empty;
        empty.stepMs = grid.stepMs;
        return empty;
    }
    const qint64 rangeMs = grid.rangeMs > 0 ? grid.rangeMs : grid.stepMs;
    QList<QuerySeries> rates;
    rates.reserve(counters.size());
    for (const BucketCounter& counter : counters) {
        QuerySeries series;
        series.labels.insert(QStringLiteral("le"), counter.le);
        for (qint64 timeMs = grid.fromMs; timeMs <= grid.toMs; timeMs += grid.stepMs) {
            if (const std::optional<double> rate = counterRate(counter.samples, timeMs - rangeMs, timeMs))
                series.points << QPointF(double(timeMs), *rate);
        }
        rates << series;
    }
    return framesFromClassicBuckets(rates, grid.stepMs);
}

} // namespace perfdash
