#pragma once

#include <QList>
#include <QPointF>
#include <QString>

namespace perfdash {

// One series exactly as a panel shows it, for exports: its legend name and every sample of the visible
// time range (x = unix ms, y = value in display units; NaN and ±Inf kept as they are).
struct VisibleSeries {
    QString name;
    QList<QPointF> points;
};

} // namespace perfdash
