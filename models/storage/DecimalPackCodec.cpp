#include "DecimalPackCodec.h"

#include "BitWriter.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace perfdash {

namespace {
    constexpr std::array<double, DecimalPackCodec::maxScale + 1> powersOfTen { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
    constexpr double maxExactInteger = 9007199254740992.0; // 2^53

    // The integer n with n / 10^scale == value bit for bit, if there is one.
    std::optional<std::int64_t> scaledExactly(double value, unsigned scale)
    {
        const double scaled = value * powersOfTen[scale];
        if (!(std::abs(scaled) <= maxExactInteger)) // also rejects NaN and infinities
            return std::nullopt;
        const auto integer = std::int64_t(std::nearbyint(scaled));
        const double back = double(integer) / powersOfTen[scale];
        if (std::bit_cast<std::uint64_t>(back) != std::bit_cast<std::uint64_t>(value)) // -0.0 fails here
            return std::nullopt;
        return integer;
    }

    std::optional<unsigned> commonScale(const double* values, std::size_t n)
    {
        unsigned scale = 0;
        for (std::size_t i = 0; i < n; ++i) {
            while (!scaledExactly(values[i], scale)) {
                if (++scale > DecimalPackCodec::maxScale)
                    return std::nullopt;
            }
        }
        return scale;
    }
}

double DecimalPackCodec::powerOfTen(unsigned scale) { return powersOfTen[scale]; }

std::optional<DecimalPackLayout> DecimalPackCodec::encode(
    const qint64* timestamps, const double* values, std::size_t n, std::vector<std::uint64_t>& words)
{
    if (n == 0)
        return std::nullopt;
    const std::optional<unsigned> scale = commonScale(values, n);
    if (!scale)
        return std::nullopt;
    // A value that needed fewer decimals is still exact at the common scale, but verify rather than assume.
    std::vector<std::uint64_t> scaled(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::optional<std::int64_t> integer = scaledExactly(values[i], *scale);
        if (!integer)
            return std::nullopt;
        scaled[i] = std::uint64_t(*integer);
    }
    std::vector<std::uint64_t> times(n);
    for (std::size_t i = 0; i < n; ++i)
        times[i] = std::uint64_t(timestamps[i]);

    DecimalPackLayout layout;
    layout.count = std::uint32_t(n);
    layout.scale = *scale;
    layout.timestamps = LinearPack::fit(times.data(), n, false);
    layout.scaledValues = LinearPack::fit(scaled.data(), n, true);

    BitWriter writer(words);
    const std::uint64_t start = writer.bitCount();
    layout.timestamps.bitStart = 0;
    layout.timestamps.writeFields(times.data(), n, writer);
    layout.scaledValues.bitStart = writer.bitCount() - start;
    layout.scaledValues.writeFields(scaled.data(), n, writer);
    layout.blockIndexStart = writer.bitCount() - start;
    const auto [lowest, highest] = std::minmax_element(scaled.begin(), scaled.end(),
        [](std::uint64_t a, std::uint64_t b) { return std::int64_t(a) < std::int64_t(b); });
    layout.extremesBase = *lowest;
    layout.extremeWidth = unsigned(std::bit_width(*highest - *lowest));
    for (std::size_t blockStart = 0; blockStart < n; blockStart += DecimalPackLayout::blockSize) {
        const std::size_t blockEnd = std::min(n, blockStart + DecimalPackLayout::blockSize);
        std::size_t minIndex = blockStart;
        std::size_t maxIndex = blockStart;
        for (std::size_t i = blockStart + 1; i < blockEnd; ++i) {
            if (std::int64_t(scaled[i]) < std::int64_t(scaled[minIndex]))
                minIndex = i;
            if (std::int64_t(scaled[i]) > std::int64_t(scaled[maxIndex]))
                maxIndex = i;
        }
        writer.write(minIndex - blockStart, DecimalPackLayout::blockOffsetBits);
        writer.write(maxIndex - blockStart, DecimalPackLayout::blockOffsetBits);
        writer.write(scaled[minIndex] - layout.extremesBase, layout.extremeWidth);
        writer.write(scaled[maxIndex] - layout.extremesBase, layout.extremeWidth);
    }
    writer.finish();
    return layout;
}

} // namespace perfdash
