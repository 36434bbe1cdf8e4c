#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <time.h> // NOLINT(modernize-deprecated-headers): clock_gettime is POSIX, declared here

namespace perfdash {

// Nanoseconds on a monotonic clock. Components take one so tests can drive time by hand; an empty
// function means the steady clock.
using NanoClock = std::function<std::int64_t()>;

inline std::int64_t steadyNanos()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The monotonic clock at jiffy resolution (a few ms): several times cheaper to read than steady_clock on
// virtual machines without a usable TSC. Good enough for TTLs, which are seconds, not for latencies.
inline std::int64_t coarseSteadyNanos()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return std::int64_t(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

inline NanoClock orSteadyClock(NanoClock clock) { return clock ? std::move(clock) : NanoClock(&steadyNanos); }

} // namespace perfdash
