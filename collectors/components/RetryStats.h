#pragma once

#include <cstdint>

namespace perfdash {

struct RetryStats {
    std::uint64_t calls = 0; // runs of Retry::run
    std::uint64_t attempts = 0; // operation calls, first attempts included
    std::uint64_t succeeded = 0;
    std::uint64_t gaveUp = 0; // out of attempts, past the deadline, or not retryable
    std::uint64_t waitedNs = 0;
};

} // namespace perfdash
