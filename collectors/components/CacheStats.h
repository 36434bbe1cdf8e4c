#pragma once

#include <cstdint>

namespace perfdash {

// Running totals of a TtlCache. A get is exactly one hit or one miss; an expired entry found by a get
// counts as a miss and an expiration.
struct CacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    // Entries removed to make room (including W-TinyLFU candidates refused admission).
    std::uint64_t evictions = 0;
    std::uint64_t expirations = 0;
    std::uint64_t size = 0;
    std::uint64_t capacity = 0;

    double hitRatio() const { return hits + misses == 0 ? 0.0 : double(hits) / double(hits + misses); }
};

} // namespace perfdash
