#include "Backoff.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

std::optional<Jitter> parseJitter(std::string_view name)
{
    for (Jitter jitter : { Jitter::None, Jitter::Full, Jitter::Equal, Jitter::Decorrelated }) {
        if (name == jitterName(jitter))
            return jitter;
    }
    return std::nullopt;
}

const char* jitterName(Jitter jitter)
{
    switch (jitter) {
    case Jitter::None:
        return "none";
    case Jitter::Full:
        return "full";
    case Jitter::Equal:
        return "equal";
    case Jitter::Decorrelated:
        return "decorrelated";
    }
    return "?";
}

Backoff::Backoff(const BackoffPolicy& policy, std::uint64_t seed)
    : m_policy(policy)
    , m_random(seed)
    , m_previous(policy.base)
{
    m_policy.base = std::max(m_policy.base, std::chrono::nanoseconds(0));
    m_policy.cap = std::max(m_policy.cap, std::chrono::nanoseconds(0));
}

void Backoff::reset()
{
    m_retries = 0;
    m_previous = m_policy.base;
}

std::chrono::nanoseconds Backoff::ceiling() const
{
    // Floating point saturates to infinity instead of overflowing; the comparison clamps to the cap.
    const double grown = double(m_policy.base.count()) * std::pow(m_policy.multiplier, double(m_retries));
    if (!(grown < double(m_policy.cap.count())))
        return m_policy.cap;
    return std::chrono::nanoseconds(std::int64_t(std::max(grown, 0.0)));
}

std::chrono::nanoseconds Backoff::uniform(std::chrono::nanoseconds low, std::chrono::nanoseconds high)
{
    if (high <= low)
        return low;
    std::uniform_int_distribution<std::int64_t> pick(low.count(), high.count());
    return std::chrono::nanoseconds(pick(m_random));
}

std::chrono::nanoseconds Backoff::nextDelay()
{
    const std::chrono::nanoseconds envelope = ceiling();
    std::chrono::nanoseconds delay;
    switch (m_policy.jitter) {
    case Jitter::None:
        delay = envelope;
        break;
    case Jitter::Full:
        delay = uniform(std::chrono::nanoseconds(0), envelope);
        break;
    case Jitter::Equal:
        delay = envelope / 2 + uniform(std::chrono::nanoseconds(0), envelope - envelope / 2);
        break;
    case Jitter::Decorrelated: {
        // Saturate 3 × previous instead of overflowing for huge caps.
        const auto tripled = m_previous.count() > std::numeric_limits<std::int64_t>::max() / 3
            ? std::chrono::nanoseconds::max()
            : m_previous * 3;
        delay = std::min(m_policy.cap, uniform(m_policy.base, std::max(tripled, m_policy.base)));
        break;
    }
    }
    m_previous = delay;
    if (m_retries < 1'000'000)
        ++m_retries;
    return delay;
}

} // namespace perfdash
