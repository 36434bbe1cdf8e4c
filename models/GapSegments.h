#pragma once

#include <QList>
#include <QPointF>

namespace perfdash {

// Splits a series into the runs a chart may connect with lines. A run ends where the next sample is more
// than 1.5 steps later (a missing step, e.g. a scrape that failed) and at any non-finite value (NaN, ±Inf
// cannot be placed on an axis). Drawing each run as its own line makes a gap look like a gap.
QList<QList<QPointF>> splitAtGaps(const QList<QPointF>& points, double stepMs);

} // namespace perfdash
