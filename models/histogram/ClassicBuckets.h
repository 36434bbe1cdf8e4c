#pragma once

#include "HistogramColumn.h"

#include <QList>
#include <QStringView>
#include <optional>

namespace perfdash {

class HistogramProblems;

// One bucket of a classic Prometheus histogram at one time: its `le` and the cumulative count (or rate) of
// observations at or below it.
struct ClassicBucket {
    double upperBound = 0;
    double cumulativeCount = 0;
};

// The value of an `le` label: a number, or "+Inf" in any of the spellings Prometheus' ParseFloat accepts
// ("+Inf", "Inf", "inf", "-Inf", "NaN"). nullopt for anything else.
std::optional<double> classicBucketBound(QStringView le);

// The column of one time's classic buckets, non-cumulative, prepared as histogram_quantile (Prometheus
// 2.42) prepares them, so that quantiles of the column equal the server's:
//  - buckets are sorted by le, and duplicate le have their counts added (its coalesceBuckets);
//  - a count that falls with growing le is raised to the largest count below it (its ensureMonotonic), so
//    no bucket is negative; each such le is reported;
//  - a bucket with a NaN count or le is left out (reported), which gives its observations to the bucket
//    above it: the other buckets' cumulative counts stay true. (histogram_quantile would keep the NaN and
//    answer nonsense; this is the one place where we differ on purpose.)
//  - without a +Inf bucket the column ends at the highest finite le and its count is NaN; reported,
//    because histogram_quantile returns NaN for it.
// The first bucket spans (0, le] when le > 0, as histogram_quantile assumes, else (-Inf, le].
// Problems go to `problems` (may be null), named with `timeMs`.
HistogramColumn decumulatedColumn(qint64 timeMs, QList<ClassicBucket> buckets, HistogramProblems* problems);

} // namespace perfdash
