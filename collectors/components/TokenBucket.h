#pragma once

#include "LimiterStats.h"
#include "NanoClock.h"

#include <atomic>
#include <chrono>
#include <functional>

namespace perfdash {

// A token-bucket rate limiter, kept as one atomic "theoretical arrival time" (the GCRA form of a token
// bucket): tryAcquire is a load and a compare-and-swap, with no lock. Over any interval of length t since
// construction it grants at most rate × t + burst tokens (the emission interval is rounded up, never down).
class TokenBucket {
public:
    struct Options {
        double ratePerSecond = 1000;
        std::int64_t burst = 100;
        NanoClock clock;
        // How acquire() waits; tests that drive the clock by hand advance it here.
        std::function<void(std::chrono::nanoseconds)> sleep;
    };

    explicit TokenBucket(Options options);

    // False when the tokens are not available now, or tokens exceeds the burst (never available).
    bool tryAcquire(std::int64_t tokens = 1);
    // Waits until the tokens are available; false without waiting when they cannot be before timeout.
    bool acquire(std::int64_t tokens, std::chrono::nanoseconds timeout);

    LimiterStats stats() const;
    double ratePerSecond() const { return m_rate; }
    std::int64_t burst() const { return m_burst; }

private:
    // Picoseconds since construction: integer arithmetic keeps the bound exact.
    std::int64_t nowPs() const;
    // 0 when granted; otherwise picoseconds until it could be (or -1 for never).
    std::int64_t attempt(std::int64_t tokens);

    NanoClock m_clock;
    std::function<void(std::chrono::nanoseconds)> m_sleep;
    double m_rate;
    std::int64_t m_burst;
    std::int64_t m_origin;
    std::int64_t m_intervalPs;
    std::int64_t m_tolerancePs;
    alignas(64) std::atomic<std::int64_t> m_theoreticalArrivalPs { 0 };
    alignas(64) std::atomic<std::uint64_t> m_admittedRequests { 0 };
    std::atomic<std::uint64_t> m_admittedTokens { 0 };
    std::atomic<std::uint64_t> m_rejectedRequests { 0 };
};

} // namespace perfdash
