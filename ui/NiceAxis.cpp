#include "NiceAxis.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

QString NiceAxis::labelFormat() const
{
    return scientific ? QStringLiteral("%.3g") : QStringLiteral("%.%1f").arg(decimals);
}

NiceAxis niceAxis(double low, double high, int maxIntervals)
{
    if (!std::isfinite(low) || !std::isfinite(high))
        return {};
    if (high < low)
        std::swap(low, high);
    constexpr double largest = std::numeric_limits<double>::max();
    if (high - low < 1e-12 * std::max(1.0, std::abs(high))) {
        const double half = std::max(std::abs(high) * 0.1, 1e-9);
        low = std::max(-largest, low - half);
        high = std::min(largest, high + half);
    }
    // Halved first, so the span of [-DBL_MAX, DBL_MAX] does not overflow.
    const double rough = (high / 2 - low / 2) * 2 / std::max(1, maxIntervals);
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = power * 10;
    for (const double factor : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (factor * power >= rough) {
            step = factor * power;
            break;
        }
    }
    NiceAxis axis;
    // Rounding out to a whole step may pass DBL_MAX; the data's own end is the limit then.
    axis.min = std::floor(low / step) * step;
    axis.max = std::ceil(high / step) * step;
    if (!std::isfinite(axis.min))
        axis.min = low;
    if (!std::isfinite(axis.max))
        axis.max = high;
    axis.tickCount = std::clamp(int(std::lround(axis.max / step - axis.min / step)) + 1, 2, maxIntervals + 2);
    // A step of 2.5 × 10^k needs one decimal more than 10^k.
    const double decimalsNeeded = -std::floor(std::log10(step) + 1e-9) + (std::abs(step / power - 2.5) < 1e-9 ? 1 : 0);
    axis.decimals = std::clamp(int(decimalsNeeded), 0, 9);
    axis.scientific = std::max(std::abs(axis.min), std::abs(axis.max)) >= 1e6 || step < 1e-3;
    return axis;
}

NiceAxis paddedNiceAxis(double low, double high)
{
    // Halved first and clamped, so values near ±DBL_MAX give a finite axis.
    constexpr double largest = std::numeric_limits<double>::max();
    const double padding = (high / 2 - low / 2) * 0.3;
    const double lower = low >= 0 ? std::max(0.0, low - padding) : std::max(-largest, low - padding);
    return niceAxis(lower, std::min(largest, high + padding));
}

} // namespace perfdash
