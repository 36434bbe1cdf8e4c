#include "Backoff.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

Backoff::Backoff(Policy policy, std::uint64_t seed)
    : m_policy(policy)
    , m_random(seed)
{
}

std::chrono::milliseconds Backoff::nextCeiling() const
{
    const auto cap = std::max(m_policy.cap, std::chrono::milliseconds(0));
    // In floating point, initial * multiplier^attempt saturates to infinity instead of overflowing;
    // the comparison below then clamps it (and a NaN from a nonsensical policy) to the cap.
    const double growth = std::pow(m_policy.multiplier, double(m_attempt));
    const double ceiling = double(m_policy.initial.count()) * growth;
    if (!(ceiling < double(cap.count())))
        return cap;
    if (!(ceiling > 0))
        return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::chrono::milliseconds::rep(ceiling));
}

std::chrono::milliseconds Backoff::nextDelay()
{
    const auto ceiling = nextCeiling();
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    if (m_attempt < std::numeric_limits<int>::max())
        ++m_attempt;
    return std::chrono::milliseconds(jitter(m_random));
}

} // namespace perfdash
