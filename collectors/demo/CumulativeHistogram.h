#pragma once

#include "Sample.h"

#include <QString>
#include <vector>

namespace perfdash {

// A classic histogram's running state, as a Prometheus client keeps it and the JSON v1 stream sends it:
// a cumulative count per upper bound (le), the +Inf bucket last, with the total count and sum.
struct CumulativeHistogram {
    QString metric;
    Labels labels;
    std::vector<double> upperBounds; // finite and rising; +Inf is implied
    std::vector<double> cumulativeCounts; // one per upper bound, then +Inf
    double sum = 0;

    CumulativeHistogram(QString metric, Labels labels, std::vector<double> upperBounds);
    void observe(double value);
    double count() const { return cumulativeCounts.back(); }
};

} // namespace perfdash
