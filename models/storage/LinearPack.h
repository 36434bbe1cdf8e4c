#pragma once

#include "BitReader.h"

#include <cstddef>
#include <cstdint>

namespace perfdash {

// An integer column stored as a line plus small residuals: x[i] = origin + i * step + field[i] (mod 2^64),
// each field `width` bits wide at bitStart + i * width. Regular timestamps need 0 bits per sample, and
// any element can be read without decoding its predecessors.
struct LinearPack {
    std::uint64_t origin = 0;
    std::uint64_t step = 0;
    std::uint64_t bitStart = 0;
    unsigned width = 0;

    std::uint64_t at(const std::uint64_t* words, std::size_t index) const
    {
        return origin + std::uint64_t(index) * step + BitReader::fieldAt(words, bitStart + index * width, width);
    }

    // Smallest width over a couple of candidate lines (end-to-end slope, and flat), n >= 1.
    // signedTrend: the column may fall (values), not just rise (timestamps).
    static LinearPack fit(const std::uint64_t* x, std::size_t n, bool signedTrend);
    // Writes the residuals of x against this line; bitStart must be the writer's current position.
    template <typename Writer> void writeFields(const std::uint64_t* x, std::size_t n, Writer& writer) const
    {
        for (std::size_t i = 0; i < n; ++i)
            writer.write(x[i] - origin - std::uint64_t(i) * step, width);
    }
};

} // namespace perfdash
