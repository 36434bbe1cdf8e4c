#include "StreamWindowValues.h"

#include "PanelQueryState.h"

#include <QPointF>

namespace perfdash {

PanelWindowPoints storeWindowValues(const TimeSeriesStore& store, const PanelSpec& spec, const WindowPair& windows)
{
    PanelWindowPoints panel { spec, {} };
    for (const SeriesInfo& info : store.seriesForMetric(spec.metric)) {
        QMap<QString, QString> labels;
        for (const auto& [name, value] : info.labels)
            labels.insert(name, value);
        const QString name = legendNameFor(labels, spec.legendFormat);
        for (const bool after : { false, true }) {
            const TimeWindow& window = after ? windows.after : windows.before;
            QList<QPointF> points;
            // samples() is inclusive at both ends; the window is not at its end.
            for (const LatestSample& sample : store.samples(info.key, window.fromMs, window.toMs - 1))
                points << QPointF(double(sample.timestampMs), sample.value);
            addWindowPoints(panel, name, points, after);
        }
    }
    return panel;
}

} // namespace perfdash
