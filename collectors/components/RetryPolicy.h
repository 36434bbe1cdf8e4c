#pragma once

#include "Backoff.h"

#include <chrono>

namespace perfdash {

struct RetryPolicy {
    // Attempts in all, the first included.
    int maxAttempts = 5;
    BackoffPolicy backoff;
    // Overall time budget from the first attempt; 0: none. A retry whose wait would end past it is not made.
    std::chrono::nanoseconds deadline = std::chrono::nanoseconds(0);
};

} // namespace perfdash
