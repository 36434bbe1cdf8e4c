#pragma once

#include <QString>

namespace perfdash {

// A y-axis range on round numbers (steps of 1, 2, 2.5 or 5 × 10^k) that covers [low, high], with the
// tick count and decimals its labels need. Qt's applyNiceNumbers() may blow a 400..520 range up to 0..1000.
struct NiceAxis {
    double min = 0;
    double max = 1;
    int tickCount = 2;
    int decimals = 0;
    // Tick labels as far out as the data goes stay short: scientific notation beyond the plain range of
    // formatNumber() (1e6, or steps under 1e-3), so a DBL_MAX value cannot widen the chart.
    bool scientific = false;

    // The printf-style format for QValueAxis::setLabelFormat().
    QString labelFormat() const;
};

// Any finite inputs, up to ±DBL_MAX: the range never overflows to infinity.
NiceAxis niceAxis(double low, double high, int maxIntervals = 5);

// A panel's value axis for data in [low, high]: padded by 15 % of the span at each end, never below zero
// for non-negative data (a latency or a ratio below zero would mislead), finite up to ±DBL_MAX.
NiceAxis paddedNiceAxis(double low, double high);

} // namespace perfdash
