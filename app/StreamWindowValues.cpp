#include "StreamWindowValues.h"

#include "HeatmapSummary.h"
#include "PanelQueryState.h"
#include "StoreHistogramFrames.h"

#include <QPointF>

namespace perfdash {

PanelWindowPoints storeWindowValues(const TimeSeriesStore& store, const PanelSpec& spec, const WindowPair& windows)
{
    PanelWindowPoints panel { spec, {} };
    if (spec.isHeatmap()) {
        // A heatmap is compared by its quantile lines, a column every 5 s, as the GUI draws them.
        constexpr qint64 stepMs = 5000;
        for (const bool after : { false, true }) {
            const TimeWindow& window = after ? windows.after : windows.before;
            const HistogramFrames frames
                = storeHistogramFrames(store, spec.metric, window.fromMs, window.toMs - 1, stepMs);
            for (const PanelLine& line : heatmapLines(frames, spec))
                addWindowPoints(panel, line.name, line.points, after);
        }
        return panel;
    }
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
