#pragma once

#include "HistogramColumn.h"

#include <QString>

namespace perfdash {

class TimeSeriesStore;

// A stream heatmap's columns over [fromMs, toMs]: the rate of each of the store's `<histogram>_bucket`
// counters (split by `le`, summed over their other labels) per column, as rate(x_bucket[range]) would give
// it. Columns sit on multiples of stepMs, so a live view that moves on keeps its cells where they were;
// each one's rate covers at least rateWindowMs, enough samples for a rate however fine the step.
HistogramFrames storeHistogramFrames(const TimeSeriesStore& store, const QString& histogram, qint64 fromMs, qint64 toMs,
    qint64 stepMs, qint64 rateWindowMs = 5000);

} // namespace perfdash
