#include "PanelWindowPoints.h"

#include <QDateTime>
#include <QPointF>
#include <cmath>

namespace perfdash {

PanelWindowValues PanelWindowPoints::values() const
{
    PanelWindowValues values { spec.title, spec.target, {} };
    for (const SeriesWindowPoints& one : series) {
        SeriesWindowValues side { one.series, {}, {} };
        for (const TimedValue& point : one.before)
            side.before << point.value;
        for (const TimedValue& point : one.after)
            side.after << point.value;
        values.series << side;
    }
    return values;
}

void addWindowPoints(PanelWindowPoints& panel, const QString& series, const QList<QPointF>& points, bool after)
{
    auto found = std::find_if(
        panel.series.begin(), panel.series.end(), [&](const SeriesWindowPoints& one) { return one.series == series; });
    if (found == panel.series.end()) {
        panel.series << SeriesWindowPoints { series, {}, {} };
        found = panel.series.end() - 1;
    }
    QList<TimedValue>& side = after ? found->after : found->before;
    for (const QPointF& point : points)
        side << TimedValue { std::llround(point.x()), point.y() * panel.spec.displayScale, 0 };
}

QString windowText(const TimeWindow& window)
{
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(window.fromMs, Qt::UTC);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(window.toMs, Qt::UTC);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QString format = QStringLiteral("HH:mm:ss");
    const bool withDate = from.date() != today || to.date() != today;
    const QString dated = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    return QStringLiteral("%1–%2 UTC")
        .arg(from.toString(withDate ? dated : format),
            to.toString(withDate && to.date() != from.date() ? dated : format));
}

QStringList missingWindowData(const QList<PanelWindowPoints>& panels, const WindowPair& windows)
{
    QStringList missing;
    for (const PanelWindowPoints& panel : panels) {
        for (const bool after : { false, true }) {
            const bool any = std::any_of(panel.series.begin(), panel.series.end(),
                [after](const SeriesWindowPoints& one) { return !(after ? one.after : one.before).isEmpty(); });
            if (!any)
                missing << QStringLiteral("panel \"%1\": no samples in the %2 window %3")
                               .arg(panel.spec.title, after ? QStringLiteral("after") : QStringLiteral("before"),
                                   windowText(after ? windows.after : windows.before));
        }
    }
    return missing;
}

} // namespace perfdash
