#include "ChangePointAnnotation.h"

#include "ValueFormat.h"

#include <QFileInfo>

namespace perfdash {

QList<Annotation> changePointAnnotations(const RunHistory& history)
{
    QList<Annotation> annotations;
    for (const MetricHistory& metric : history.metrics()) {
        for (const ChangePoint& point : metric.changePoints) {
            const HistoryRun& run = history.runs()[metric.runIndexes[point.index]];
            if (!run.run.startedAt.isValid())
                continue;
            const qint64 at = run.run.startedAt.toMSecsSinceEpoch();
            const bool regression = &point == &metric.changePoints.last() && metric.latestSegmentRegressed();
            const QString text
                = QStringLiteral("%1 %2: %3 → %4 (%5) from %6%7")
                      .arg(history.component(), metric.metric.label,
                          formatValue(point.medianBefore, metric.metric.unit),
                          formatValue(point.medianAfter, metric.metric.unit),
                          formatPercentChange(point.relativeChange * 100), QFileInfo(run.source).fileName(),
                          regression ? QStringLiteral(", regression") : QString());
            annotations.append(
                { at, at, text, { QStringLiteral("profiling"), QStringLiteral("change point"), history.component() },
                    Annotation::Origin::Profiling });
        }
    }
    return annotations;
}

} // namespace perfdash
