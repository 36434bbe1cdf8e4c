#pragma once

#include <cstdint>

namespace perfdash {

struct PoolStats {
    std::uint64_t queueDepth = 0;
    std::uint64_t running = 0;
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t completed = 0;
    std::uint64_t failed = 0; // tasks that threw; counted in completed too
    std::uint64_t waitNs = 0; // total time tasks spent queued
    std::uint64_t runNs = 0; // total time tasks ran
    std::uint64_t maxWaitNs = 0;
};

} // namespace perfdash
