#pragma once

#include "HeatmapSummary.h"
#include "PanelQueryState.h"
#include "PanelSpec.h"
#include "SeriesSelection.h"
#include "VisibleSeries.h"

#include <optional>

namespace perfdash {

class PanelChart;
struct TimeAxisTicks;

// The render path of a heatmap panel, for both sources: the histogram's columns as cells on the bucket
// axis, the quantile lines (p50, p95, p99 and the objective's) over them, the target and baseline as on any
// panel, and what the scorecard says about the newest column.
class HeatmapChartRenderer {
public:
    HeatmapChartRenderer(const PanelSpec& spec, PanelChart& chart);

    // Draws frames and their quantile lines (raw units, real times) over [fromMs, toMs] (real times); the
    // axis shows times + shiftMs.
    SeriesSelection draw(HistogramFrames frames, QList<PanelLine> quantiles, qint64 fromMs, qint64 toMs, double shiftMs,
        const TimeAxisTicks& ticks);

    const HistogramFrames& frames() const { return m_frames; }
    // The quantile lines as drawn, raw units.
    const QList<PanelLine>& quantileLines() const { return m_lines; }
    // The quantile lines in display units less those hidden in the legend, for exports.
    QList<VisibleSeries> visibleSeries() const;
    const std::optional<HeatmapSummary>& summary() const { return m_summary; }

private:
    PanelSpec m_spec;
    PanelChart& m_chart;
    HistogramFrames m_frames;
    QList<PanelLine> m_lines;
    std::optional<HeatmapSummary> m_summary;
};

} // namespace perfdash
