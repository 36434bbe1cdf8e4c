#include "CrosshairChartView.h"

#include "SeriesPlotItem.h"

#include <QDateTime>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QXYSeries>

#include <algorithm>
#include <cmath>

namespace perfdash {

CrosshairChartView::CrosshairChartView(QChart* chart, QWidget* parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    m_line = new QGraphicsLineItem(chart);
    m_line->setPen(QPen(QColor(90, 90, 90, 160), 1, Qt::DashLine));
    m_line->setZValue(10);
    m_box = new QGraphicsRectItem(chart);
    m_box->setBrush(QColor(255, 255, 255, 235));
    m_box->setPen(QPen(QColor(160, 160, 160)));
    m_box->setZValue(11);
    m_text = new QGraphicsSimpleTextItem(m_box);
    hideCrosshair();
}

QString CrosshairChartView::crosshairText(double xMs) const
{
    QStringList lines { QDateTime::fromMSecsSinceEpoch(qint64(xMs)).toString(QStringLiteral("HH:mm:ss.zzz")) };
    if (!m_plot)
        return lines.join(u'\n');
    for (const SeriesPlotItem::DrawnSeries& series : m_plot->series()) {
        if (!m_plot->isDrawn(series))
            continue;
        // The points are in time order; a NaN between runs marks a gap and is skipped.
        const QList<QPointF>& points = series.points;
        const auto after = std::lower_bound(
            points.begin(), points.end(), xMs, [](const QPointF& p, double x) { return p.x() < x; });
        auto next = after;
        while (next != points.end() && !std::isfinite(next->y()))
            ++next;
        auto previous = after;
        while (previous != points.begin() && !std::isfinite((previous - 1)->y()))
            --previous;
        auto nearest = next;
        if (next == points.end() || (previous != points.begin() && xMs - (previous - 1)->x() < next->x() - xMs))
            nearest = previous - 1;
        const QString value = m_formatValue ? m_formatValue(nearest->y()) : QString::number(nearest->y());
        lines << QStringLiteral("%1: %2").arg(series.legendSeries->name(), value);
    }
    return lines.join(u'\n');
}

void CrosshairChartView::mouseMoveEvent(QMouseEvent* event)
{
    QChartView::mouseMoveEvent(event);
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const QPointF chartPos = chart()->mapFromScene(scenePos);
    const QRectF plot = chart()->plotArea();
    if (!plot.contains(chartPos) || !m_plot || m_plot->pointCount() == 0) {
        hideCrosshair();
        return;
    }
    const QPointF value = m_plot->mapToValue(chartPos);
    m_line->setLine(chartPos.x(), plot.top(), chartPos.x(), plot.bottom());
    m_text->setText(crosshairText(value.x()));
    const QRectF textRect = m_text->boundingRect();
    const QRectF boxRect(0, 0, textRect.width() + 10, textRect.height() + 8);
    m_text->setPos(5, 4);
    // Keep the box inside the plot: flip to the left of the cursor near the right edge.
    double x = chartPos.x() + 12;
    if (x + boxRect.width() > plot.right())
        x = chartPos.x() - 12 - boxRect.width();
    const double y = std::clamp(chartPos.y() - boxRect.height() / 2, plot.top(), plot.bottom() - boxRect.height());
    m_box->setRect(boxRect);
    m_box->setPos(x, y);
    m_line->show();
    m_box->show();
}

void CrosshairChartView::leaveEvent(QEvent* event)
{
    QChartView::leaveEvent(event);
    hideCrosshair();
}

void CrosshairChartView::hideCrosshair()
{
    m_line->hide();
    m_box->hide();
}

} // namespace perfdash
