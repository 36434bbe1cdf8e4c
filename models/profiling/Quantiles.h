#pragma once

#include <QList>
#include <vector>

namespace perfdash {

// Sample quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the
// default of R and NumPy), so results match what users check them against.
class Quantiles {
public:
    // q in [0, 1]. NaN for an empty input. The input need not be sorted.
    static double of(QList<double> values, double q);
    // On values already sorted ascending; no copy.
    static double ofSorted(const std::vector<double>& sorted, double q);
};

} // namespace perfdash
