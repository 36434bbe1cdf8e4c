#pragma once

#include "ProfileProgress.h"
#include "ProfileRun.h"

#include <atomic>
#include <functional>

namespace perfdash {

class ProfilingMetrics;

// Runs a profile: each repetition's workload on threads of its own, while the calling thread samples
// its progress every 100 ms (so at most 10 reports a second) and its resident memory. Blocking;
// the GUI calls it through ProfileRunner on a worker thread, the CLI directly.
class ProfileEngine {
public:
    struct Callbacks {
        std::function<void(const ProfileProgress&)> progress;
        std::function<void(const RepetitionResult&)> repetitionFinished;
    };

    explicit ProfileEngine(ProfilingMetrics* metrics = nullptr);

    // Stops after the current repetition's workload notices cancel (within a few ms); the run is then
    // marked cancelled and keeps the repetitions that completed.
    ProfileRun run(const ProfileSettings& settings, int repetitions, const std::atomic<bool>& cancel,
        const Callbacks& callbacks = {});

private:
    ProfilingMetrics* m_metrics;
};

} // namespace perfdash
