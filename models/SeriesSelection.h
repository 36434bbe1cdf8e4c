#pragma once

#include "PanelSpec.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace perfdash {

// One series of a panel with its scorecard reduction (latest value or window peak) in display units;
// NaN when it has none in the range.
struct ReducedSeries {
    QString key;
    double value = 0.0;
};

// Which series a panel draws. A chart of 13,000 lines shows nothing a person can read, and Qt Charts
// cannot even build it, so a panel draws at most PanelSpec::maxSeries: the ones the user pinned, then
// the worst by the scorecard's reduction in the target's direction (the highest for "lower is better",
// the lowest for "higher is better"); equal values by key, series without a value last. The scorecard
// value is the worst over every series, drawn or not.
struct SeriesSelection {
    qsizetype total = 0;
    QStringList drawn; // keys, pinned first, then the worst first
    double worst = 0.0; // NaN when no series has a value
    qsizetype pinnedDrawn = 0;

    // Empty while every series is drawn; else "13,414 series · drawing the 30 worst by latest value"
    // (and "· 2 pinned").
    QString describe(ScorecardReduce reduce) const;
};

SeriesSelection selectSeries(
    QList<ReducedSeries> series, Direction direction, int maxSeries, const QSet<QString>& pinned = {});

// The worse of two scorecard values in the target's direction; NaN loses to any value.
double worseOf(double a, double b, Direction direction);

} // namespace perfdash
