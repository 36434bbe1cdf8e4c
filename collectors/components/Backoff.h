#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace perfdash {

// The jitter strategies of the AWS "Exponential Backoff and Jitter" study. With ceiling(n) =
// min(cap, base × multiplier^n): None waits ceiling(n); Full a uniform [0, ceiling(n)]; Equal
// ceiling(n)/2 plus a uniform [0, ceiling(n)/2]; Decorrelated min(cap, uniform [base, 3 × previous]).
enum class Jitter { None, Full, Equal, Decorrelated };

std::optional<Jitter> parseJitter(std::string_view name);
const char* jitterName(Jitter jitter);

struct BackoffPolicy {
    std::chrono::nanoseconds base = std::chrono::milliseconds(10);
    std::chrono::nanoseconds cap = std::chrono::seconds(1);
    double multiplier = 2.0;
    // Full jitter spreads a fleet of retrying clients, so a restarted server is not hit by all at once.
    Jitter jitter = Jitter::Full;
};

// Capped exponential backoff: the delays between retries under a BackoffPolicy. Stateful: it counts
// retries and, for decorrelated jitter, remembers the previous delay. Not thread-safe; one per caller.
// The one backoff of the project: the bundled Retry component and the stream reconnects both use it.
class Backoff {
public:
    explicit Backoff(const BackoffPolicy& policy, std::uint64_t seed = std::random_device {}());

    // The wait before the next retry; advances the retry count.
    std::chrono::nanoseconds nextDelay();
    // min(cap, base × multiplier^retries): the exponential envelope before jitter.
    std::chrono::nanoseconds ceiling() const;
    int retries() const { return m_retries; }
    std::chrono::nanoseconds previousDelay() const { return m_previous; }
    void reset();

private:
    std::chrono::nanoseconds uniform(std::chrono::nanoseconds low, std::chrono::nanoseconds high);

    BackoffPolicy m_policy;
    std::mt19937_64 m_random;
    int m_retries = 0;
    std::chrono::nanoseconds m_previous;
};

} // namespace perfdash
