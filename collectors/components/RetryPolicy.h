#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace perfdash {

// The jitter strategies of the AWS "Exponential Backoff and Jitter" study. With ceiling(n) =
// min(cap, base × multiplier^n): None waits ceiling(n); Full a uniform [0, ceiling(n)]; Equal
// ceiling(n)/2 plus a uniform [0, ceiling(n)/2]; Decorrelated min(cap, uniform [base, 3 × previous]).
enum class Jitter { None, Full, Equal, Decorrelated };

std::optional<Jitter> parseJitter(std::string_view name);
const char* jitterName(Jitter jitter);

struct RetryPolicy {
    // Attempts in all, the first included.
    int maxAttempts = 5;
    std::chrono::nanoseconds base = std::chrono::milliseconds(10);
    std::chrono::nanoseconds cap = std::chrono::seconds(1);
    double multiplier = 2.0;
    Jitter jitter = Jitter::Full;
    // Overall time budget from the first attempt; 0: none. A retry whose wait would end past it is not made.
    std::chrono::nanoseconds deadline = std::chrono::nanoseconds(0);
};

} // namespace perfdash
