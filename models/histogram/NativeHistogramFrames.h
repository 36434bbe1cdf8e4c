#pragma once

#include "HistogramColumn.h"
#include "QueryResult.h"

#include <QList>

namespace perfdash {

class HistogramProblems;

// The column of one native histogram sample as the HTTP API sends it: its buckets in ascending order,
// negative and zero buckets included; the ranges between sparse buckets become empty buckets, so the
// column's buckets are contiguous. Count and sum are the sample's. The buckets' boundary rules (which edge
// is inclusive) are read but change no number here: interpolation gives the same result either way. A
// bucket that overlaps one before it cannot be placed and is left out (reported, named with the time).
HistogramColumn nativeHistogramColumn(const NativeHistogramSample& sample, HistogramProblems* problems);

// The frames of a matrix of native histogram series (QuerySeries::histograms). Series are added at each
// time where their buckets coincide or do not overlap (same schema and zero threshold, as after a
// `sum(rate(...))`); a series whose buckets overlap the others' without coinciding (another schema) is
// left out at that time and reported, because splitting its buckets would invent where observations lie.
// A sample without buckets (nothing observed) gives no column, as a step without data.
HistogramFrames framesFromNativeHistograms(const QList<QuerySeries>& series, qint64 stepMs);

} // namespace perfdash
