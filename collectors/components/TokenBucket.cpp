#include "TokenBucket.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace perfdash {

TokenBucket::TokenBucket(Options options)
    : m_clock(orSteadyClock(std::move(options.clock)))
    , m_sleep(options.sleep ? std::move(options.sleep)
                            : std::function<void(std::chrono::nanoseconds)>(
                                [](std::chrono::nanoseconds wait) { std::this_thread::sleep_for(wait); }))
    , m_rate(options.ratePerSecond > 0 ? options.ratePerSecond : 1e-3)
    , m_burst(std::max<std::int64_t>(options.burst, 1))
    , m_origin(m_clock())
    , m_intervalPs(std::int64_t(std::ceil(1e12 / m_rate)))
    , m_tolerancePs(m_burst * m_intervalPs)
{
}

std::int64_t TokenBucket::nowPs() const { return (m_clock() - m_origin) * 1000; }

std::int64_t TokenBucket::attempt(std::int64_t tokens)
{
    if (tokens < 1 || tokens > m_burst)
        return -1;
    const std::int64_t now = nowPs();
    const std::int64_t cost = tokens * m_intervalPs;
    std::int64_t arrival = m_theoreticalArrivalPs.load(std::memory_order_relaxed);
    for (;;) {
        const std::int64_t next = std::max(arrival, now) + cost;
        if (next - now > m_tolerancePs)
            return next - now - m_tolerancePs;
        if (m_theoreticalArrivalPs.compare_exchange_weak(
                arrival, next, std::memory_order_acq_rel, std::memory_order_relaxed))
            return 0;
    }
}

bool TokenBucket::tryAcquire(std::int64_t tokens)
{
    if (attempt(tokens) == 0) {
        m_admittedRequests.fetch_add(1, std::memory_order_relaxed);
        m_admittedTokens.fetch_add(std::uint64_t(tokens), std::memory_order_relaxed);
        return true;
    }
    m_rejectedRequests.fetch_add(1, std::memory_order_relaxed);
    return false;
}

bool TokenBucket::acquire(std::int64_t tokens, std::chrono::nanoseconds timeout)
{
    const std::int64_t deadline = m_clock() + timeout.count();
    for (;;) {
        const std::int64_t waitPs = attempt(tokens);
        if (waitPs == 0) {
            m_admittedRequests.fetch_add(1, std::memory_order_relaxed);
            m_admittedTokens.fetch_add(std::uint64_t(tokens), std::memory_order_relaxed);
            return true;
        }
        const std::int64_t waitNs = waitPs < 0 ? std::numeric_limits<std::int64_t>::max() : (waitPs + 999) / 1000;
        const std::int64_t now = m_clock();
        if (waitPs < 0 || now + waitNs > deadline) {
            m_rejectedRequests.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
        // Another thread may take the tokens first; then we wait again, still within the deadline.
        m_sleep(std::chrono::nanoseconds(waitNs));
    }
}

LimiterStats TokenBucket::stats() const
{
    return { m_admittedRequests.load(std::memory_order_relaxed), m_admittedTokens.load(std::memory_order_relaxed),
        m_rejectedRequests.load(std::memory_order_relaxed) };
}

} // namespace perfdash
