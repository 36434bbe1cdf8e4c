#include "LinearPack.h"

#include <bit>

namespace perfdash {

namespace {
    LinearPack fitWithStep(const std::uint64_t* x, std::size_t n, std::uint64_t step)
    {
        // Residuals against x[0] + i * step, as signed numbers; their range sets the width.
        std::int64_t low = 0;
        std::int64_t high = 0;
        for (std::size_t i = 1; i < n; ++i) {
            const std::int64_t residual = std::int64_t(x[i] - x[0] - std::uint64_t(i) * step);
            low = residual < low ? residual : low;
            high = residual > high ? residual : high;
        }
        LinearPack pack;
        pack.origin = x[0] + std::uint64_t(low);
        pack.step = step;
        pack.width = unsigned(std::bit_width(std::uint64_t(high) - std::uint64_t(low)));
        return pack;
    }
}

LinearPack LinearPack::fit(const std::uint64_t* x, std::size_t n, bool signedTrend)
{
    if (n < 2)
        return fitWithStep(x, n, 0);
    const std::uint64_t rise = x[n - 1] - x[0];
    const std::uint64_t slope = signedTrend ? std::uint64_t(std::int64_t(rise) / std::int64_t(n - 1)) : rise / (n - 1);
    const LinearPack sloped = fitWithStep(x, n, slope);
    if (slope == 0 || sloped.width == 0)
        return sloped;
    const LinearPack flat = fitWithStep(x, n, 0);
    return flat.width < sloped.width ? flat : sloped;
}

} // namespace perfdash
