#include "ScorecardReduction.h"

#include "TimeSeriesStore.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

double reduceLine(const QList<QPointF>& points, ScorecardReduce reduce, double displayScale)
{
    double value = std::nan("");
    for (const QPointF& point : points) {
        if (!std::isfinite(point.y()))
            continue;
        // Scaled before comparing: a negative scale swaps which value is the peak.
        const double scaled = point.y() * displayScale;
        value = reduce == ScorecardReduce::WindowPeak ? (std::isnan(value) ? scaled : std::max(value, scaled)) : scaled;
    }
    return value;
}

QList<ReducedSeries> reduceStoreSeries(const TimeSeriesStore& store, const PanelSpec& spec, qint64 fromMs, qint64 toMs)
{
    QList<ReducedSeries> reduced;
    const QStringList keys = store.seriesKeys(spec.metric);
    reduced.reserve(keys.size());
    for (const QString& key : keys) {
        std::optional<double> value;
        if (spec.reduce == ScorecardReduce::WindowPeak) {
            value = store.maxInRange(key, fromMs, toMs);
        } else if (const auto latest = store.latest(key); latest && latest->timestampMs >= fromMs) {
            value = latest->value;
        }
        reduced.append({ key, value ? *value * spec.displayScale : std::nan("") });
    }
    return reduced;
}

QList<ReducedSeries> reduceQueryLines(const QList<PanelLine>& lines, const PanelSpec& spec)
{
    QList<ReducedSeries> reduced;
    reduced.reserve(lines.size());
    for (const PanelLine& line : lines)
        reduced.append({ line.name, reduceLine(line.points, spec.reduce, spec.displayScale) });
    return reduced;
}

std::optional<QPointF> newestFinitePoint(const QList<PanelLine>& lines, double displayScale, Direction direction)
{
    std::optional<QPointF> newest;
    for (const PanelLine& line : lines) {
        for (const QPointF& point : line.points) {
            if (!std::isfinite(point.y()))
                continue;
            const double scaled = point.y() * displayScale;
            if (!newest || point.x() > newest->x()
                || (point.x() == newest->x() && worseOf(newest->y(), scaled, direction) == scaled))
                newest = QPointF(point.x(), scaled);
        }
    }
    return newest;
}

qsizetype nonFiniteCount(const QList<PanelLine>& lines)
{
    qsizetype count = 0;
    for (const PanelLine& line : lines)
        count += std::count_if(
            line.points.cbegin(), line.points.cend(), [](const QPointF& point) { return !std::isfinite(point.y()); });
    return count;
}

double worstLatestValue(const QList<QuerySeries>& series, Direction direction)
{
    double worst = std::nan("");
    for (const QuerySeries& one : series) {
        for (const QPointF& point : one.points)
            worst = worseOf(worst, point.y(), direction);
    }
    return worst;
}

} // namespace perfdash
