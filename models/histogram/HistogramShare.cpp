#include "HistogramShare.h"

#include "NativeBucketSides.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

double shareAtOrBelow(const HistogramColumn& column, double threshold)
{
    constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
    const bool native = column.kind == HistogramKind::Native;
    if (std::isnan(threshold) || column.values.isEmpty())
        return notANumber;
    if (!native && column.bounds.last() != std::numeric_limits<double>::infinity())
        return notANumber;
    const double observations = native && !std::isnan(column.count) ? column.count : column.total();
    if (!(observations > 0))
        return notANumber;

    const NativeBucketSides sides = native ? NativeBucketSides::of(column) : NativeBucketSides {};
    double rank = 0;
    bool found = false;
    for (qsizetype i = 0; i < column.values.size() && !found; ++i) {
        double lower = column.bounds[i];
        double upper = column.bounds[i + 1];
        if (native)
            sides.adjustZeroBucket(lower, upper);
        const double count = column.values[i];
        if (lower >= threshold) {
            found = true;
        } else if (threshold < upper) {
            if (std::isfinite(lower) && std::isfinite(upper))
                rank += count * (threshold - lower) / (upper - lower);
            found = true;
        } else {
            rank += count;
        }
    }
    // Above every bucket the share is 1 even when the buckets hold fewer than the count (NaN observations),
    // as in histogram_fraction.
    if (!found)
        return 1;
    return std::min(rank, observations) / observations;
}

} // namespace perfdash
