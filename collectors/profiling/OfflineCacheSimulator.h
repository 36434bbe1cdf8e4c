#pragma once

#include <cstdint>
#include <vector>

namespace perfdash {

// Hit ratios of a key trace replayed offline, one access after another, against a cache of a given
// capacity: LRU (which keeps every miss), and Bélády's optimal (evict the key used furthest in the
// future, or not keep the new key at all), the upper bound no real policy can beat on that trace.
// A trace entry is a key; with writeBit set, a write: it stores the key but is not counted as a hit or a
// miss, as the live workload counts only reads.
class OfflineCacheSimulator {
public:
    static constexpr std::uint32_t writeBit = 1u << 31;

    static double lruHitRatio(const std::vector<std::uint32_t>& trace, std::size_t capacity);
    // mayBypass: the optimum may also decline to store a key (as W-TinyLFU's admission does); without it,
    // the classic demand-paging MIN, which always stores.
    static double beladyHitRatio(const std::vector<std::uint32_t>& trace, std::size_t capacity, bool mayBypass = true);
};

} // namespace perfdash
