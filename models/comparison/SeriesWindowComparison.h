#pragma once

#include "BoxFigures.h"

#include <QString>
#include <limits>

namespace perfdash {

// One series of one panel, its "before" window against its "after" window.
struct SeriesWindowComparison {
    QString series;

    // Finite values compared, and the NaN and ±Inf values left out (counted, so a reader sees them).
    int beforeCount = 0;
    int afterCount = 0;
    int beforeNonFinite = 0;
    int afterNonFinite = 0;

    // Over the raw finite points of each window.
    BoxFigures before;
    BoxFigures after;
    // (after − before) / |before| of the medians; NaN when the before median is 0.
    double relativeChange = std::numeric_limits<double>::quiet_NaN();
    // The after median is better than the before median in the target's direction (tested or not).
    bool changeInBetterDirection = false;
    // The after median meets the panel's target (evaluateTarget: strictly).
    bool meetsTarget = false;
    // A significant improvement of at least the goal (0.20: 20 % lower, or higher, than before).
    bool reachesGoal = false;

    // How the p-value was found, in words for the UI, and its figures.
    QString method;
    int blockLength = 1;
    int beforeEffective = 0; // number of block means: the effective sample size
    int afterEffective = 0;
    double lag1Autocorrelation = 0;
    // The variance widening for the correlation left between blocks (1: none).
    double varianceFactor = 1;

    // False with too few effective samples: then no p-value counts, nothing is significant, and the
    // verdict is a warning. Such series stay out of Holm's family.
    bool hasVerdict = false;
    // Two-sided; the test's direction: the after values tend to be the larger ones.
    double pValue = 1;
    bool afterTendsHigher = false;
    // After Holm's correction over every series with a verdict in the comparison.
    double adjustedPValue = 1;
    bool significant = false;
    bool improved = false;
    bool regressed = false;
    // "improved, significant", "worse, significant", "no detectable change", or the warning.
    QString verdict;
};

} // namespace perfdash
