#include "HistogramColumn.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

double HistogramColumn::total() const
{
    double result = 0;
    for (double value : values)
        if (std::isfinite(value))
            result += value;
    return result;
}

double HistogramFrames::maxValue() const
{
    double result = 0;
    for (const HistogramColumn& column : columns)
        for (double value : column.values)
            if (std::isfinite(value))
                result = std::max(result, value);
    return result;
}

double HistogramFrames::lowestBound() const
{
    double result = std::numeric_limits<double>::infinity();
    for (const HistogramColumn& column : columns)
        for (double bound : column.bounds)
            if (std::isfinite(bound) && bound > 0) {
                result = std::min(result, bound);
                break; // bounds ascend
            }
    return std::isfinite(result) ? result : std::numeric_limits<double>::quiet_NaN();
}

double HistogramFrames::highestFiniteBound() const
{
    double result = -std::numeric_limits<double>::infinity();
    for (const HistogramColumn& column : columns) {
        // The last finite bound of the column: before an +Inf one, if it has one.
        const auto finite = std::find_if(
            column.bounds.crbegin(), column.bounds.crend(), [](double bound) { return std::isfinite(bound); });
        if (finite != column.bounds.crend())
            result = std::max(result, *finite);
    }
    return std::isfinite(result) ? result : std::numeric_limits<double>::quiet_NaN();
}

} // namespace perfdash
