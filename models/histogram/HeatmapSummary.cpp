#include "HeatmapSummary.h"

#include "ClassicBucketFrames.h"
#include "HistogramQuantile.h"
#include "HistogramShare.h"
#include "NativeHistogramFrames.h"
#include "ValueFormat.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

HistogramFrames framesFromQuerySeries(const QList<QuerySeries>& series, qint64 stepMs)
{
    const bool native
        = std::any_of(series.cbegin(), series.cend(), [](const QuerySeries& one) { return !one.histograms.isEmpty(); });
    return native ? framesFromNativeHistograms(series, stepMs) : framesFromClassicBuckets(series, stepMs);
}

QList<double> heatmapQuantiles(double objective)
{
    QList<double> quantiles { 0.5, 0.95, 0.99 };
    if (!quantiles.contains(objective))
        quantiles << objective;
    std::sort(quantiles.begin(), quantiles.end());
    return quantiles;
}

QList<PanelLine> quantileLines(const HistogramFrames& frames, const QList<double>& quantiles)
{
    QList<PanelLine> lines;
    for (const double q : quantiles) {
        PanelLine line { quantileLabel(q), {} };
        line.points.reserve(frames.columns.size());
        for (const HistogramColumn& column : frames.columns)
            line.points.append(QPointF(double(column.timeMs), histogramQuantile(q, column)));
        lines << line;
    }
    return lines;
}

QList<PanelLine> heatmapLines(const HistogramFrames& frames, const PanelSpec& spec)
{
    return quantileLines(frames, heatmapQuantiles(spec.objective));
}

std::optional<HeatmapSummary> latestHeatmapSummary(
    const HistogramFrames& frames, const PanelSpec& spec, qint64 windowMs)
{
    // From the newest column with observations: the latest step of a quiet system has none, and "no data"
    // there would hide the distribution a step earlier.
    auto newest = std::find_if(frames.columns.crbegin(), frames.columns.crend(),
        [](const HistogramColumn& column) { return column.total() > 0; });
    if (newest == frames.columns.crend())
        return std::nullopt;
    // Back through the window, while the layout stays the same: one step of a 1 s stream column holds a few
    // observations, too few for a p95 that does not jump with every request.
    HistogramColumn merged = *newest;
    qsizetype merges = 1;
    for (auto column = std::next(newest); column != frames.columns.crend(); ++column) {
        if (column->timeMs <= newest->timeMs - windowMs)
            break;
        if (column->kind != merged.kind || column->bounds != merged.bounds)
            break;
        for (qsizetype i = 0; i < merged.values.size(); ++i)
            merged.values[i] += column->values[i];
        ++merges;
    }
    // Rates summed over the columns, then averaged: a rate still, and the shape is what the quantiles read.
    for (double& value : merged.values)
        value /= double(merges);
    HeatmapSummary summary;
    summary.timeMs = newest->timeMs;
    summary.fromMs = newest->timeMs - (merges - 1) * std::max<qint64>(frames.stepMs, 0);
    summary.shareUnderTarget = shareAtOrBelow(merged, spec.target.target / spec.displayScale);
    summary.objectiveQuantile = histogramQuantile(spec.objective, merged);
    for (const double q : heatmapQuantiles(spec.objective))
        summary.quantiles.append({ q, histogramQuantile(q, merged) });
    return summary;
}

} // namespace perfdash
