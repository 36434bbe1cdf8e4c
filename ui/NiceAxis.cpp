#include "NiceAxis.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

NiceAxis niceAxis(double low, double high, int maxIntervals)
{
    if (!std::isfinite(low) || !std::isfinite(high))
        return {};
    if (high < low)
        std::swap(low, high);
    if (high - low < 1e-12) {
        const double half = std::max(std::abs(high) * 0.1, 1e-9);
        low -= half;
        high += half;
    }
    const double rough = (high - low) / std::max(1, maxIntervals);
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = power * 10;
    for (const double factor : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (factor * power >= rough) {
            step = factor * power;
            break;
        }
    }
    NiceAxis axis;
    axis.min = std::floor(low / step) * step;
    axis.max = std::ceil(high / step) * step;
    axis.tickCount = int(std::lround((axis.max - axis.min) / step)) + 1;
    // A step of 2.5 × 10^k needs one decimal more than 10^k.
    const double decimalsNeeded = -std::floor(std::log10(step) + 1e-9) + (std::abs(step / power - 2.5) < 1e-9 ? 1 : 0);
    axis.decimals = std::clamp(int(decimalsNeeded), 0, 9);
    return axis;
}

} // namespace perfdash
