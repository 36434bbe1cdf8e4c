#include "CumulativeHistogram.h"

#include <algorithm>

namespace perfdash {

CumulativeHistogram::CumulativeHistogram(QString metric, Labels labels, std::vector<double> upperBounds)
    : metric(std::move(metric))
    , labels(std::move(labels))
    , upperBounds(std::move(upperBounds))
    , cumulativeCounts(this->upperBounds.size() + 1, 0.0)
{
}

void CumulativeHistogram::observe(double value)
{
    // Every bucket whose bound is at or above the value counts it (le is inclusive).
    const auto first = std::lower_bound(upperBounds.begin(), upperBounds.end(), value);
    for (auto at = std::size_t(first - upperBounds.begin()); at < cumulativeCounts.size(); ++at)
        cumulativeCounts[at] += 1;
    sum += value;
}

} // namespace perfdash
