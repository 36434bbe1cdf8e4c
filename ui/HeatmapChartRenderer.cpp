#include "HeatmapChartRenderer.h"

#include "PanelChart.h"

#include <cmath>

namespace perfdash {

HeatmapChartRenderer::HeatmapChartRenderer(const PanelSpec& spec, PanelChart& chart)
    : m_spec(spec)
    , m_chart(chart)
{
}

SeriesSelection HeatmapChartRenderer::draw(HistogramFrames frames, QList<PanelLine> quantiles, qint64 fromMs,
    qint64 toMs, double shiftMs, const TimeAxisTicks& ticks)
{
    m_frames = std::move(frames);
    m_lines = std::move(quantiles);
    m_summary = latestHeatmapSummary(m_frames, m_spec);

    QStringList names;
    for (const PanelLine& line : m_lines)
        names << line.name;
    m_chart.assignSlots(names, [](const QString& name) { return name; });
    for (const PanelLine& line : m_lines) {
        QList<QPointF> points;
        points.reserve(line.points.size());
        for (const QPointF& point : line.points)
            points.append(QPointF(point.x() + shiftMs, m_chart.toAxis(point.y() * m_spec.displayScale)));
        m_chart.setPoints(line.name, std::move(points));
    }
    m_chart.setHeatmapFrames(m_frames);
    const qint64 axisFrom = fromMs + qint64(shiftMs);
    const qint64 axisTo = toMs + qint64(shiftMs);
    m_chart.fitBucketAxis(axisFrom, axisTo, m_frames.lowestBound() * m_spec.displayScale,
        m_frames.highestFiniteBound() * m_spec.displayScale);
    if (axisTo > axisFrom)
        m_chart.setTimeRange(axisFrom, axisTo, ticks);
    m_chart.placeReferenceLabels();

    SeriesSelection selection;
    selection.drawn = names;
    selection.total = names.size();
    selection.worst = m_summary ? m_summary->objectiveQuantile * m_spec.displayScale : std::nan("");
    return selection;
}

QList<VisibleSeries> HeatmapChartRenderer::visibleSeries() const
{
    QList<VisibleSeries> result;
    for (const PanelLine& line : m_lines) {
        if (m_chart.hiddenKeys().contains(line.name))
            continue;
        VisibleSeries series { line.name, line.points };
        for (QPointF& point : series.points)
            point.setY(point.y() * m_spec.displayScale);
        result << series;
    }
    return result;
}

} // namespace perfdash
