#include "PanelWindowValues.h"

#include "TimeSeriesStore.h"

namespace perfdash {

namespace {
    PanelWindowValues emptyValues(const PanelSpec& spec) { return { spec.title, spec.target, {} }; }

    QList<double> scaledValues(const std::vector<LatestSample>& samples, double scale)
    {
        QList<double> values;
        values.reserve(qsizetype(samples.size()));
        for (const LatestSample& sample : samples)
            values << sample.value * scale;
        return values;
    }
}

PanelWindowValues storeWindowValues(const TimeSeriesStore& store, const PanelSpec& spec, const QStringList& seriesKeys,
    const TimeWindow& before, const TimeWindow& after)
{
    PanelWindowValues panel = emptyValues(spec);
    for (const QString& key : seriesKeys) {
        // The store's ranges are inclusive; a window is half-open, so its last millisecond is toMs − 1.
        panel.series << SeriesWindowValues { key,
            scaledValues(store.samples(key, before.fromMs, before.toMs - 1), spec.displayScale),
            scaledValues(store.samples(key, after.fromMs, after.toMs - 1), spec.displayScale) };
    }
    return panel;
}

PanelWindowValues lineWindowValues(const QList<PanelLine>& lines, const PanelSpec& spec, const QStringList& names,
    const TimeWindow& before, const TimeWindow& after)
{
    PanelWindowValues panel = emptyValues(spec);
    for (const PanelLine& line : lines) {
        if (!names.isEmpty() && !names.contains(line.name))
            continue;
        SeriesWindowValues series { line.name, {}, {} };
        for (const QPointF& point : line.points) {
            const auto at = qint64(point.x());
            if (before.contains(at))
                series.before << point.y() * spec.displayScale;
            else if (after.contains(at))
                series.after << point.y() * spec.displayScale;
        }
        panel.series << series;
    }
    return panel;
}

} // namespace perfdash
