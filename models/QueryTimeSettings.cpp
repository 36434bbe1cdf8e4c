#include "QueryTimeSettings.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

double queryStepSeconds(qint64 rangeMs, int pixelColumns, double overrideSeconds)
{
    const double rangeSeconds = std::max<double>(0.001, double(rangeMs) / 1000.0);
    // The +1 is the sample at the range's start: points = floor(range / step) + 1.
    const double smallest = rangeSeconds / double(maxPointsPerSeries - 1);
    double step = overrideSeconds > 0 ? overrideSeconds : rangeSeconds / double(std::max(1, pixelColumns));
    step = std::max({ step, smallest, 0.001 });
    // Whole milliseconds: the API takes the step as text, and a rounded-down step could pass the limit.
    return std::ceil(step * 1000.0) / 1000.0;
}

} // namespace perfdash
