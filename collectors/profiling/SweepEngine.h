#pragma once

#include "SweepResult.h"

#include <atomic>
#include <functional>

namespace perfdash {

class ProfilingMetrics;

// Runs a sweep: the component at each value of the swept parameter (and of the series parameter, for one
// curve each), `repetitions` times each, through ProfileEngine. The curves grow together: every series
// value runs at one point before the next point starts, so a cancelled sweep still compares like with
// like. Blocking; the GUI calls it on a worker thread.
class SweepEngine {
public:
    struct Callbacks {
        // After every point, with the sweep so far.
        std::function<void(const SweepResult&)> pointFinished;
        // Within a point: the share of the whole sweep done, 0..1.
        std::function<void(double)> progress;
    };

    explicit SweepEngine(ProfilingMetrics* metrics = nullptr);

    // base: the other parameters (validated). series may be empty (no parameter).
    SweepResult run(const ProfileSettings& base, const SweepSpec& spec, const SweepSeries& series, int repetitions,
        const std::atomic<bool>& cancel, const Callbacks& callbacks = {});

private:
    ProfilingMetrics* m_metrics;
};

} // namespace perfdash
