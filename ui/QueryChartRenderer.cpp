#include "QueryChartRenderer.h"

#include "GapSegments.h"
#include "PanelChart.h"
#include "ScorecardReduction.h"
#include "TimeAxisTicks.h"

#include <QDateTime>
#include <QHash>
#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

QueryChartRenderer::QueryChartRenderer(const PanelSpec& spec, PanelChart& chart)
    : m_spec(spec)
    , m_chart(chart)
{
}

SeriesSelection QueryChartRenderer::draw(const PanelQueryState& state, const QSet<QString>& pinned)
{
    // Each series is drawn as one line per gap-free run (the plot item breaks the line at a NaN put
    // between runs), so a gap reads as a gap and the legend names each series once.
    m_lines.clear();
    for (const PanelLine& line : state.lines) {
        VisibleSeries series { line.name, line.points };
        for (QPointF& point : series.points)
            point.setY(point.y() * m_spec.displayScale);
        m_lines << series;
    }
    // Qt Charts' time axis shows local time: UTC is shown by shifting the drawn times by the local offset.
    const double shiftMs = state.utc ? -1000.0 * QDateTime::currentDateTime().offsetFromUtc() : 0.0;
    m_chart.setTimeAxisTitle(state.utc ? QStringLiteral("time (UTC)") : QStringLiteral("time (local)"));
    m_chart.setTimeShiftMs(shiftMs);
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    // The lines to draw, by the scorecard's rule over each line's own points.
    QHash<QString, qsizetype> lineOfName;
    for (qsizetype index = 0; index < state.lines.size(); ++index)
        lineOfName.insert(state.lines[index].name, index);
    SeriesSelection selection
        = selectSeries(reduceQueryLines(state.lines, m_spec), m_spec.target.direction, m_spec.maxSeries, pinned);
    m_chart.assignSlots(selection.drawn, [](const QString& name) { return name; });
    for (const QString& name : selection.drawn) {
        const PanelLine& line = state.lines[lineOfName.value(name)];
        const QList<QList<QPointF>> runs = splitAtGaps(line.points, state.stepMs);
        const bool shown = m_chart.isShown(name);
        QList<QPointF> points;
        for (const QList<QPointF>& run : runs) {
            if (!points.isEmpty())
                points.append(QPointF(run.first().x() + shiftMs, std::nan("")));
            for (const QPointF& point : run) {
                points.append(QPointF(point.x() + shiftMs, point.y() * m_spec.displayScale));
                if (shown) {
                    low = std::min(low, points.last().y());
                    high = std::max(high, points.last().y());
                }
            }
        }
        m_chart.setPoints(name, std::move(points));
    }

    const qint64 fromMs = state.fromMs + qint64(shiftMs);
    const qint64 toMs = state.toMs + qint64(shiftMs);
    m_chart.fitValueAxis(fromMs, toMs, low, high);
    if (toMs > fromMs)
        m_chart.setTimeRange(fromMs, toMs, queryTimeAxisTicks(toMs - fromMs));
    m_chart.placeReferenceLabels();
    return selection;
}

QList<VisibleSeries> QueryChartRenderer::visibleSeries() const
{
    QList<VisibleSeries> result;
    for (const VisibleSeries& series : m_lines) {
        if (!m_chart.hiddenKeys().contains(series.name))
            result << series;
    }
    return result;
}

} // namespace perfdash
