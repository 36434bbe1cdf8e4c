#pragma once

#include "HistogramColumn.h"

namespace perfdash {

// The fraction of a column's observations at or below `threshold`, for scorecards such as "83 % of
// requests < 1.6 s": whole buckets below it, plus the part of the bucket containing it by linear
// interpolation. This is Prometheus' histogram_fraction(-Inf, threshold, …) (2.42 has it for native
// histograms; it came to classic ones later), with the same zero-bucket rule as histogramQuantile.
//  - A bucket with an infinite edge cannot be interpolated in: a threshold inside (le, +Inf] counts none
//    of that bucket, and one inside (-Inf, le] none of it either; the share errs low, never high.
//  - A threshold on a bucket's upper edge counts the whole bucket (Prometheus' inclusive upper edge).
//  - NaN without observations, for a NaN threshold, and for a classic column without a +Inf bucket (how
//    many observations lie above is unknown). Native columns divide by their count (total when NaN).
double shareAtOrBelow(const HistogramColumn& column, double threshold);

} // namespace perfdash
