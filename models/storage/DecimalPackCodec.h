#pragma once

#include "DecimalPackLayout.h"

#include <QtGlobal>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace perfdash {

// Encoder of the random-access chunk format. Gorilla's XOR spends ~50 bits on 1.823 after 1.817
// (decimal fractions have long binary mantissas); scaled to integers the same step takes a few bits,
// and fixed-width residuals let M4 read any sample directly. Only chunks whose every value round-trips
// bit-exactly through integer / 10^scale qualify; the others stay Gorilla.
class DecimalPackCodec {
public:
    static constexpr unsigned maxScale = 15;

    // Appends the chunk to words (n >= 1) and returns its layout, or nullopt (words untouched) when a
    // value is not a short decimal: non-finite, -0.0, more than maxScale decimals or beyond 2^53.
    static std::optional<DecimalPackLayout> encode(
        const qint64* timestamps, const double* values, std::size_t n, std::vector<std::uint64_t>& words);

    // 10^scale, exactly representable for scale <= maxScale.
    static double powerOfTen(unsigned scale);
};

} // namespace perfdash
