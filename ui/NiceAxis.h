#pragma once

namespace perfdash {

// A y-axis range on round numbers (steps of 1, 2, 2.5 or 5 × 10^k) that covers [low, high], with the
// tick count and decimals its labels need. Qt's applyNiceNumbers() may blow a 400..520 range up to 0..1000.
struct NiceAxis {
    double min = 0;
    double max = 1;
    int tickCount = 2;
    int decimals = 0;
};

NiceAxis niceAxis(double low, double high, int maxIntervals = 5);

} // namespace perfdash
