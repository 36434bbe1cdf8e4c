#include "Retry.h"

#include "Backoff.h"

#include <random>
#include <thread>

namespace perfdash {

Retry::Retry(RetryPolicy policy, NanoClock clock, std::function<void(std::chrono::nanoseconds)> sleep)
    : m_policy(policy)
    , m_clock(orSteadyClock(std::move(clock)))
    , m_sleep(sleep ? std::move(sleep) : [](std::chrono::nanoseconds wait) { std::this_thread::sleep_for(wait); })
{
}

Retry::Outcome Retry::run(const Operation& operation, const Retryable& retryable, std::uint64_t seed)
{
    m_calls.fetch_add(1, std::memory_order_relaxed);
    Backoff backoff(m_policy.backoff, seed != 0 ? seed : std::random_device {}());
    const std::int64_t start = m_clock();
    Outcome outcome;
    for (;;) {
        ++outcome.attempts;
        m_attempts.fetch_add(1, std::memory_order_relaxed);
        const std::optional<std::string> error = operation(outcome.attempts);
        if (!error) {
            outcome.succeeded = true;
            m_succeeded.fetch_add(1, std::memory_order_relaxed);
            return outcome;
        }
        outcome.lastError = *error;
        if (retryable && !retryable(*error))
            outcome.stop = Outcome::Stop::NotRetryable;
        else if (outcome.attempts >= m_policy.maxAttempts)
            outcome.stop = Outcome::Stop::OutOfAttempts;
        if (outcome.stop != Outcome::Stop::None)
            break;
        const std::chrono::nanoseconds delay = backoff.nextDelay();
        if (m_policy.deadline.count() > 0 && m_clock() + delay.count() > start + m_policy.deadline.count()) {
            outcome.stop = Outcome::Stop::Deadline;
            break;
        }
        m_sleep(delay);
        outcome.waited += delay;
        m_waitedNs.fetch_add(std::uint64_t(delay.count()), std::memory_order_relaxed);
    }
    m_gaveUp.fetch_add(1, std::memory_order_relaxed);
    return outcome;
}

RetryStats Retry::stats() const
{
    return { m_calls.load(std::memory_order_relaxed), m_attempts.load(std::memory_order_relaxed),
        m_succeeded.load(std::memory_order_relaxed), m_gaveUp.load(std::memory_order_relaxed),
        m_waitedNs.load(std::memory_order_relaxed) };
}

} // namespace perfdash
