#pragma once

#include <QList>
#include <limits>

namespace perfdash {

// The five numbers a box plot draws for one window: extremes, quartiles and median (type-7 quantiles,
// as Quantiles computes them). NaN throughout for an empty window.
struct BoxFigures {
    double min = std::numeric_limits<double>::quiet_NaN();
    double q1 = std::numeric_limits<double>::quiet_NaN();
    double median = std::numeric_limits<double>::quiet_NaN();
    double q3 = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();

    static BoxFigures of(const QList<double>& values);
};

} // namespace perfdash
