#pragma once

#include "TimeSeriesStore.h"

#include <optional>
#include <span>

namespace perfdash {

// Prometheus 2.42's rate() of one counter over the range [rangeStartMs, rangeEndMs] (2.42 selects both
// ends inclusive), in units per second. `samples` is the counter's whole history in time order, as
// TimeSeriesStore::samples() returns it; the range's samples are found inside it.
//  - fewer than 2 samples in the range: no rate (nullopt);
//  - a value below the one before it is a counter reset: the counter restarted from 0, so the increase
//    includes the value it had reached;
//  - the increase between the first and last sample is extrapolated towards the range's edges, by at most
//    1.1 average sample intervals (half an interval when the edge is further), and never to before the
//    counter's zero point (extrapolatedRate in promql/functions.go).
std::optional<double> counterRate(std::span<const LatestSample> samples, qint64 rangeStartMs, qint64 rangeEndMs);

} // namespace perfdash
