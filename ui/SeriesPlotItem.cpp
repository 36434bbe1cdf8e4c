#include "SeriesPlotItem.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QPainter>
#include <QPolygonF>
#include <QValueAxis>
#include <QXYSeries>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    // Above Qt Charts' own line series (the target and baseline lines), below the reference labels and
    // the crosshair.
    constexpr qreal plotZValue = 4.5;
    // A lone sample (one point between gaps) has no line to draw: a dot of this radius shows it.
    constexpr qreal loneMarkerRadius = 2.5;
}

SeriesPlotItem::SeriesPlotItem(QChart* chart, QDateTimeAxis* axisX, QValueAxis* axisY)
    : QGraphicsObject(chart)
    , m_axisX(axisX)
    , m_axisY(axisY)
{
    setZValue(plotZValue);
    setPlotArea(chart->plotArea());
    connect(chart, &QChart::plotAreaChanged, this, &SeriesPlotItem::setPlotArea);
    connect(axisX, &QDateTimeAxis::rangeChanged, this, [this] { update(); });
    connect(axisY, &QValueAxis::rangeChanged, this, [this] { update(); });
}

void SeriesPlotItem::setPlotArea(const QRectF& plotArea)
{
    if (plotArea == m_plotArea)
        return;
    prepareGeometryChange();
    m_plotArea = plotArea;
    update();
}

void SeriesPlotItem::setPoints(QXYSeries* legendSeries, QList<QPointF> points)
{
    DrawnSeries* drawn = nullptr;
    for (DrawnSeries& existing : m_series) {
        if (existing.legendSeries == legendSeries)
            drawn = &existing;
    }
    if (!drawn) {
        m_series.append(DrawnSeries { legendSeries, {}, 0, 0 });
        drawn = &m_series.last();
        // Hiding by legend click, or a new colour, must show without waiting for new data.
        connect(legendSeries, &QXYSeries::visibleChanged, this, [this] { update(); });
        connect(legendSeries, &QXYSeries::penChanged, this, [this] { update(); });
    }
    drawn->points = std::move(points);
    drawn->finitePoints = 0;
    drawn->runs = 0;
    bool inRun = false;
    for (const QPointF& point : std::as_const(drawn->points)) {
        const bool finite = std::isfinite(point.y()) && std::isfinite(point.x());
        drawn->finitePoints += finite ? 1 : 0;
        drawn->runs += finite && !inRun ? 1 : 0;
        inRun = finite;
    }
    update();
}

qsizetype SeriesPlotItem::pointCount() const
{
    qsizetype total = 0;
    for (const DrawnSeries& drawn : m_series)
        total += drawn.finitePoints;
    return total;
}

int SeriesPlotItem::runCount() const
{
    int total = 0;
    for (const DrawnSeries& drawn : m_series)
        total += drawn.runs;
    return total;
}

bool SeriesPlotItem::isDrawn(const DrawnSeries& series) const
{
    return series.runs > 0 && series.legendSeries->isVisible();
}

QPointF SeriesPlotItem::mapToValue(const QPointF& chartPosition) const
{
    const double xMin = double(m_axisX->min().toMSecsSinceEpoch());
    const double xMax = double(m_axisX->max().toMSecsSinceEpoch());
    if (m_plotArea.isEmpty())
        return { xMin, m_axisY->min() };
    return { xMin + (chartPosition.x() - m_plotArea.left()) * (xMax - xMin) / m_plotArea.width(),
        m_axisY->min()
            + (m_plotArea.bottom() - chartPosition.y()) * (m_axisY->max() - m_axisY->min()) / m_plotArea.height() };
}

QPointF SeriesPlotItem::mapToPosition(const QPointF& value) const
{
    const double xMin = double(m_axisX->min().toMSecsSinceEpoch());
    const double xSpan = double(m_axisX->max().toMSecsSinceEpoch()) - xMin;
    const double ySpan = m_axisY->max() - m_axisY->min();
    if (xSpan <= 0 || ySpan <= 0)
        return m_plotArea.bottomLeft();
    return { m_plotArea.left() + (value.x() - xMin) * m_plotArea.width() / xSpan,
        m_plotArea.bottom() - (value.y() - m_axisY->min()) * m_plotArea.height() / ySpan };
}

void SeriesPlotItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const double xMin = double(m_axisX->min().toMSecsSinceEpoch());
    const double xSpan = double(m_axisX->max().toMSecsSinceEpoch()) - xMin;
    const double yMin = m_axisY->min();
    const double ySpan = m_axisY->max() - yMin;
    if (xSpan <= 0 || ySpan <= 0 || m_plotArea.isEmpty())
        return;
    const double xScale = m_plotArea.width() / xSpan;
    const double yScale = m_plotArea.height() / ySpan;
    const double left = m_plotArea.left();
    const double bottom = m_plotArea.bottom();

    painter->save();
    painter->setClipRect(m_plotArea);
    QPolygonF run;
    for (const DrawnSeries& drawn : m_series) {
        if (!isDrawn(drawn))
            continue;
        // A cosmetic pen of at most 1 px takes the raster engine's cosmetic stroker; a wider one goes
        // through QStroker (an atan2 per joint) and measured 10x slower on M4 zig-zags.
        QPen pen = drawn.legendSeries->pen();
        pen.setCosmetic(true);
        pen.setWidthF(m_outlined ? 2.0 : std::min(pen.widthF(), 1.0));
        QPen outline(QColor(0, 0, 0, 150), 4.0);
        outline.setCosmetic(true);
        painter->setPen(pen);
        // Dense M4 output (several points per pixel column) is a zig-zag filling each column: antialiasing
        // adds nothing visible there and costs most of the paint time.
        painter->setRenderHint(
            QPainter::Antialiasing, m_outlined || drawn.points.size() < 3 * qsizetype(m_plotArea.width()));
        const auto drawRun = [&] {
            if (run.size() == 1) {
                painter->setPen(Qt::NoPen);
                painter->setBrush(pen.color());
                painter->drawEllipse(run.first(), loneMarkerRadius, loneMarkerRadius);
                painter->setBrush(Qt::NoBrush);
                painter->setPen(pen);
            } else if (run.size() > 1) {
                if (m_outlined) {
                    painter->setPen(outline);
                    painter->drawPolyline(run);
                    painter->setPen(pen);
                }
                painter->drawPolyline(run);
            }
            run.resize(0); // keeps the capacity (clear() frees it in Qt 6.4)
        };
        run.reserve(drawn.points.size());
        for (const QPointF& point : drawn.points) {
            if (!std::isfinite(point.y()) || !std::isfinite(point.x())) {
                drawRun();
                continue;
            }
            run.append(QPointF(left + (point.x() - xMin) * xScale, bottom - (point.y() - yMin) * yScale));
        }
        drawRun();
    }
    painter->restore();
}

} // namespace perfdash
