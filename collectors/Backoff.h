#pragma once

#include <chrono>
#include <random>

namespace perfdash {

// Capped exponential backoff with full jitter (AWS "Exponential Backoff and Jitter"):
// delay(n) = uniform(0, min(cap, initial * multiplier^n)). Full jitter spreads a fleet of
// reconnecting clients so a restarted server is not hit by all of them at once.
class Backoff {
public:
    struct Policy {
        std::chrono::milliseconds initial { 250 };
        std::chrono::milliseconds cap { 30000 };
        double multiplier = 2.0;
    };

    explicit Backoff(Policy policy, std::uint64_t seed = std::random_device {}());

    // Delay before reconnect attempt number attempt() + 1; advances the attempt counter.
    std::chrono::milliseconds nextDelay();
    // Upper bound of the next delay, before jitter.
    std::chrono::milliseconds nextCeiling() const;
    int attempt() const { return m_attempt; }
    void reset() { m_attempt = 0; }
    const Policy& policy() const { return m_policy; }

private:
    Policy m_policy;
    std::mt19937_64 m_random;
    int m_attempt = 0;
};

} // namespace perfdash
