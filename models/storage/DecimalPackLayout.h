#pragma once

#include "LinearPack.h"

#include <cstddef>
#include <cstdint>

namespace perfdash {

// Where the parts of a DecimalPack chunk live in its word buffer. Values are decimals with few digits
// (what exporters print: 1.823, 72.4, 512000000), stored as integers scaled by 10^scale.
struct DecimalPackLayout {
    // Samples per block of the min/max index. A block's entry holds the offsets of its first minimum
    // and first maximum and their scaled values (relative to the chunk minimum), so a range query
    // reads the small index instead of jumping around the value bits, and scans at most two partial
    // blocks.
    static constexpr std::size_t blockSize = 64;
    static constexpr unsigned blockOffsetBits = 6;

    LinearPack timestamps;
    LinearPack scaledValues;
    std::uint64_t blockIndexStart = 0;
    std::uint64_t extremesBase = 0; // smallest scaled value of the chunk
    unsigned extremeWidth = 0; // bits of (block extreme - extremesBase)
    std::uint32_t count = 0;
    unsigned scale = 0;

    unsigned blockEntryBits() const { return 2 * (blockOffsetBits + extremeWidth); }
};

} // namespace perfdash
