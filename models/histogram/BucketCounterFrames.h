#pragma once

#include "HistogramColumn.h"
#include "TimeSeriesStore.h"

#include <QList>
#include <QString>
#include <vector>

namespace perfdash {

// One `<metric>_bucket` counter of a live stream as the store keeps it: its `le` label and its cumulative
// counts in time order, straight from TimeSeriesStore::samples().
struct BucketCounter {
    QString le;
    std::vector<LatestSample> samples;
};

// Where the columns are: at fromMs, fromMs + stepMs, … up to toMs, each the rate over the rangeMs before it
// ([t - rangeMs, t]), as a range query of `rate(x_bucket[range])` from fromMs to toMs by stepMs evaluates
// it. rangeMs 0 means stepMs: the columns then tile the time without overlap.
struct RateGrid {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 stepMs = 0;
    qint64 rangeMs = 0;
};

// The frames of a stream's bucket counters: counterRate() per bucket and column, then the columns as
// framesFromClassicBuckets() builds them from the rates (counters of equal le added, missing le and layout
// changes handled and reported the same way). A column where no bucket has two samples in its range is a
// gap: no column. A grid without a positive step gives no columns.
HistogramFrames framesFromBucketCounters(const QList<BucketCounter>& counters, const RateGrid& grid);

} // namespace perfdash
