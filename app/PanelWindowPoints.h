#pragma once

#include "PanelSpec.h"
#include "TimeWindowSpec.h"
#include "TimedValue.h"
#include "WindowComparison.h"

#include <QList>
#include <QString>

namespace perfdash {

// What `perfdash compare-windows` gathered for one series: its points in each window, in time order, values in
// display units (raw × PanelSpec::displayScale). Kept with their times so the bundle's CSV can show them.
struct SeriesWindowPoints {
    QString series;
    QList<TimedValue> before;
    QList<TimedValue> after;
};

struct PanelWindowPoints {
    PanelSpec spec;
    QList<SeriesWindowPoints> series;

    // The values only, as WindowComparison::compare takes them (NaN kept, for it to count).
    PanelWindowValues values() const;
};

// Adds `points` (x = unix ms, y = raw value) to the series named `series`, on the side `after` says; a series
// not seen yet is appended, so both windows' series end up matched by name.
void addWindowPoints(PanelWindowPoints& panel, const QString& series, const QList<QPointF>& points, bool after);

// Empty when every panel has a sample in both windows; else one line per panel and window without any:
// `panel "API response time p95": no samples in the before window 07:00:00–07:30:00 UTC`.
QStringList missingWindowData(const QList<PanelWindowPoints>& panels, const WindowPair& windows);

// "07:00:00–07:30:00 UTC", with the date in front when the window is not within today (UTC).
QString windowText(const TimeWindow& window);

} // namespace perfdash
