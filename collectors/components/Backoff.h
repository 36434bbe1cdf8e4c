#pragma once

#include "RetryPolicy.h"

#include <random>

namespace perfdash {

// The delays between retries under a RetryPolicy's jitter strategy. Stateful: it counts retries and,
// for decorrelated jitter, remembers the previous delay. Not thread-safe; one per retrying caller.
class RetryBackoff {
public:
    RetryBackoff(const RetryPolicy& policy, std::uint64_t seed);

    // The wait before the next retry; advances the retry count.
    std::chrono::nanoseconds nextDelay();
    // min(cap, base × multiplier^retries): the exponential envelope before jitter.
    std::chrono::nanoseconds ceiling() const;
    int retries() const { return m_retries; }
    std::chrono::nanoseconds previousDelay() const { return m_previous; }
    void reset();

private:
    std::chrono::nanoseconds uniform(std::chrono::nanoseconds low, std::chrono::nanoseconds high);

    RetryPolicy m_policy;
    std::mt19937_64 m_random;
    int m_retries = 0;
    std::chrono::nanoseconds m_previous;
};

} // namespace perfdash
