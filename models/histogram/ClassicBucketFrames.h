#pragma once

#include "HistogramColumn.h"
#include "QueryResult.h"

#include <QList>

namespace perfdash {

// The heatmap frames of a Prometheus matrix of classic bucket series, one series per `le`, such as the
// answer to `sum by (le) (rate(http_request_duration_seconds_bucket[1m]))`: the values are taken as they
// come (rates there, counts for a plain selector). Series of equal le (differing in other labels) are added
// at each time; each time's buckets are de-cumulated by decumulatedColumn().
//  - A series without an `le` label, or with one that is not a number, is left out and reported.
//  - A time where some le are missing gets a column of the le present: the missing bucket's observations
//    fall into the bucket above it. That is what histogram_quantile sees in that instant, so quantile
//    lines drawn from the columns still match the server's. It is reported as buckets missing when the
//    columns on both sides agree, else as a change of layout.
//  - When the layout changes mid-range the columns keep their own bounds, and the change is reported
//    with its time. Columns of one layout share their bounds.
HistogramFrames framesFromClassicBuckets(const QList<QuerySeries>& series, qint64 stepMs);

} // namespace perfdash
