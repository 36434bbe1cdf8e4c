#pragma once

#include "ClassicBuckets.h"
#include "HistogramColumn.h"

#include <QList>

namespace perfdash {

// Quantiles exactly as Prometheus 2.42's histogram_quantile computes them, so that a heatmap's p95 line
// and a scorecard agree with the same query run on the server. q < 0 gives -Inf, q > 1 +Inf, a NaN q NaN.

// bucketQuantile on one time's classic buckets (le, cumulative count), in any order: NaN without a +Inf
// bucket, with fewer than 2 buckets or with no observations; duplicate le added and falling counts carried
// up first. A rank in the +Inf bucket gives the second-highest le; a rank in a first bucket whose le <= 0
// gives that le; otherwise linear interpolation inside the bucket, the first one starting at 0.
double classicBucketQuantile(double q, QList<ClassicBucket> buckets);

// The quantile of a column. Classic: classicBucketQuantile of its cumulative sums. Native: histogramQuantile
// (promql/quantile.go) with the column's count as the histogram's count (its buckets' total when NaN):
// linear interpolation inside the bucket where the rank falls; in the zero bucket (lower < 0 < upper) the
// lower edge is taken as 0 when only positive buckets hold observations, the upper edge as 0 when only
// negative ones do; a rank beyond the buckets (NaN observations) gives the upper edge of the last bucket.
// Prometheus decides "only positive" by the histogram's bucket spans, which the HTTP API does not send
// (it leaves out empty buckets): here a side counts when one of its buckets is not empty.
double histogramQuantile(double q, const HistogramColumn& column);

} // namespace perfdash
