#pragma once

#include "HistogramColumn.h"
#include "PanelQueryState.h"
#include "PanelSpec.h"

#include <QList>
#include <optional>

namespace perfdash {

// A heatmap query's answer as columns: native histograms where the series carry them, else classic bucket
// series by `le`.
HistogramFrames framesFromQuerySeries(const QList<QuerySeries>& series, qint64 stepMs);

// The quantiles a heatmap draws over its buckets: p50, p95 and p99, and the panel's objective if it is
// none of them, ascending.
QList<double> heatmapQuantiles(double objective);

// One line per quantile ("p50", "p95", …) with a point per column (raw units, NaN where histogram_quantile
// has no answer), so the lines can be drawn, compared before and after, and exported like any other.
QList<PanelLine> quantileLines(const HistogramFrames& frames, const QList<double>& quantiles);
// The lines a heatmap panel draws and compares: quantileLines() of heatmapQuantiles(spec.objective).
QList<PanelLine> heatmapLines(const HistogramFrames& frames, const PanelSpec& spec);

// What a heatmap's scorecard and the manifest say about its newest columns: those of the last
// heatmapSummaryWindowMs up to the newest column that holds observations, added up while their bucket
// layout stays the same.
struct HeatmapSummary {
    qint64 timeMs = 0; // the newest column
    qint64 fromMs = 0; // the oldest column added, as far back as the window goes
    double shareUnderTarget = 0; // of the observations, at or below the target (0..1)
    double objectiveQuantile = 0; // the quantile at the panel's objective, raw units
    QList<std::pair<double, double>> quantiles; // (q, value) for heatmapQuantiles()
};

inline constexpr qint64 heatmapSummaryWindowMs = 30'000;

std::optional<HeatmapSummary> latestHeatmapSummary(
    const HistogramFrames& frames, const PanelSpec& spec, qint64 windowMs = heatmapSummaryWindowMs);

} // namespace perfdash
