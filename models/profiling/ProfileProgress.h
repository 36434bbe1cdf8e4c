#pragma once

#include <QtGlobal>
#include <limits>

namespace perfdash {

// A live snapshot of a running profile, sent at most 10 times a second. Latencies are over the
// samples since the previous snapshot; the hit ratio is over the current repetition so far.
struct ProfileProgress {
    int repetition = 0; // 0-based
    int repetitions = 0;
    double fraction = 0; // of the whole run, 0..1
    double elapsedSeconds = 0; // since the run started
    double throughput = std::numeric_limits<double>::quiet_NaN(); // ops/s over the last interval, if long enough
    double p50Us = std::numeric_limits<double>::quiet_NaN();
    double p95Us = std::numeric_limits<double>::quiet_NaN();
    double p99Us = std::numeric_limits<double>::quiet_NaN();
    double hitRatio = std::numeric_limits<double>::quiet_NaN(); // NaN when the component has none
};

} // namespace perfdash
