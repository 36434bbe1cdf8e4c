#include "Quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

double Quantiles::of(QList<double> values, double q)
{
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return ofSorted(sorted, q);
}

double Quantiles::ofSorted(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double position = std::clamp(q, 0.0, 1.0) * double(sorted.size() - 1);
    const auto lower = std::size_t(std::floor(position));
    const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
    const double fraction = position - double(lower);
    if (fraction == 0)
        return sorted[lower];
    // Between -1e308 and 1e308 the gap itself overflows; weighting each end cannot.
    const double gap = sorted[upper] - sorted[lower];
    if (!std::isfinite(gap) && std::isfinite(sorted[lower]) && std::isfinite(sorted[upper]))
        return sorted[lower] * (1 - fraction) + sorted[upper] * fraction;
    return sorted[lower] + gap * fraction;
}

} // namespace perfdash
