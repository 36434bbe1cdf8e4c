#include "CrosshairChartView.h"

#include "AnnotationLayerItem.h"
#include "SeriesPlotItem.h"
#include "Theme.h"

#include <QDateTime>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>
#include <QXYSeries>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    // A press that moves less than this is a click, not a drag.
    constexpr double dragThresholdPx = 5;
    // One wheel notch zooms by this much: eight notches halve or double the range twice.
    constexpr double zoomPerNotch = 0.84;

    QString annotationTip(const Annotation& annotation)
    {
        const auto time
            = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss")); };
        QString when = time(annotation.timeMs);
        if (annotation.isRange())
            when += QStringLiteral(" – ") + time(annotation.endMs);
        QString tip = QStringLiteral("%1 · %2\n%3").arg(when, annotationOriginName(annotation.origin), annotation.text);
        if (!annotation.tags.isEmpty())
            tip += QStringLiteral("\ntags: ") + annotation.tags.join(QStringLiteral(", "));
        return tip;
    }
}

CrosshairChartView::CrosshairChartView(QChart* chart, QWidget* parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    setRubberBand(QChartView::NoRubberBand); // zooming is the tab's, in step across panels
    m_line = new QGraphicsLineItem(chart);
    m_line->setZValue(10);
    m_box = new QGraphicsRectItem(chart);
    m_box->setZValue(11);
    m_text = new QGraphicsSimpleTextItem(m_box);
    m_rubberBand = new QGraphicsRectItem(chart);
    m_rubberBand->setZValue(9);
    m_rubberBand->hide();
    applyTheme(Theme::light());
    hideCrosshair();
}

void CrosshairChartView::applyTheme(const Theme& theme)
{
    m_theme = &theme;
    m_line->setPen(QPen(theme.crosshairLine, 1, Qt::DashLine));
    m_box->setBrush(theme.tooltipBackground);
    m_box->setPen(QPen(theme.tooltipBorder));
    m_text->setBrush(theme.text);
}

namespace {
    // The finite point nearest axisX of points in time order (a NaN between runs marks a gap).
    std::optional<double> nearestFiniteValue(const QList<QPointF>& points, double axisX)
    {
        const auto after = std::lower_bound(
            points.begin(), points.end(), axisX, [](const QPointF& p, double x) { return p.x() < x; });
        auto next = after;
        while (next != points.end() && !std::isfinite(next->y()))
            ++next;
        auto previous = after;
        while (previous != points.begin() && !std::isfinite((previous - 1)->y()))
            --previous;
        if (next == points.end() && previous == points.begin())
            return std::nullopt;
        if (next == points.end() || (previous != points.begin() && axisX - (previous - 1)->x() < next->x() - axisX))
            return (previous - 1)->y();
        return next->y();
    }
}

QString CrosshairChartView::crosshairText(double xMs) const
{
    QStringList lines { QDateTime::fromMSecsSinceEpoch(qint64(xMs)).toString(QStringLiteral("HH:mm:ss.zzz")) };
    if (!m_plot)
        return lines.join(u'\n');
    for (const SeriesPlotItem::DrawnSeries& series : m_plot->series()) {
        if (!m_plot->isDrawn(series))
            continue;
        if (const std::optional<double> y = nearestFiniteValue(series.points, xMs + m_shiftMs)) {
            const QString value = m_formatValue ? m_formatValue(*y) : QString::number(*y);
            lines << QStringLiteral("%1: %2").arg(series.legendSeries->name(), value);
        }
    }
    return lines.join(u'\n');
}

QList<double> CrosshairChartView::valuesAt(qint64 timeMs) const
{
    QList<double> values;
    if (!m_plot)
        return values;
    for (const SeriesPlotItem::DrawnSeries& series : m_plot->series()) {
        if (m_plot->isDrawn(series)) {
            if (const std::optional<double> y = nearestFiniteValue(series.points, double(timeMs) + m_shiftMs))
                values << *y;
        }
    }
    return values;
}

QPointF CrosshairChartView::chartPositionOf(const QPointF& viewPosition) const
{
    return chart()->mapFromScene(mapToScene(viewPosition.toPoint()));
}

double CrosshairChartView::timeOfChartX(double chartX) const
{
    return m_plot ? m_plot->mapToValue(QPointF(chartX, 0)).x() - m_shiftMs : 0;
}

std::optional<qint64> CrosshairChartView::timeAt(const QPoint& viewPosition) const
{
    const QPointF at = chartPositionOf(viewPosition);
    if (!m_plot || !chart()->plotArea().contains(at))
        return std::nullopt;
    return qint64(std::llround(timeOfChartX(at.x())));
}

std::optional<Annotation> CrosshairChartView::annotationAt(const QPoint& viewPosition) const
{
    const QPointF at = chartPositionOf(viewPosition);
    if (!m_annotations || !chart()->plotArea().contains(at))
        return std::nullopt;
    return m_annotations->annotationAt(at.x());
}

QRectF CrosshairChartView::plotRectInView() const
{
    return mapFromScene(chart()->mapToScene(chart()->plotArea())).boundingRect();
}

void CrosshairChartView::placeCrosshair(double chartX, double timeMs, std::optional<QPointF> pointer)
{
    const QRectF plot = chart()->plotArea();
    m_line->setLine(chartX, plot.top(), chartX, plot.bottom());
    QString text = crosshairText(timeMs);
    // The cell under the pointer, on the hovered chart only (the others know the time, not the row).
    if (pointer && m_describeCell) {
        if (const QString cell = m_describeCell(*pointer); !cell.isEmpty())
            text += u'\n' + cell;
    }
    m_text->setText(text);
    const QRectF textRect = m_text->boundingRect();
    const QRectF boxRect(0, 0, textRect.width() + 10, textRect.height() + 8);
    m_text->setPos(5, 4);
    // Keep the box inside the plot: flip to the left of the line near the right edge.
    double x = chartX + 12;
    if (x + boxRect.width() > plot.right())
        x = chartX - 12 - boxRect.width();
    m_box->setRect(boxRect);
    m_box->setPos(x, plot.top() + 4);
    m_line->show();
    m_box->show();
}

void CrosshairChartView::showCrosshairAt(std::optional<qint64> timeMs)
{
    if (!timeMs || !m_plot) {
        hideCrosshair();
        return;
    }
    const double chartX = m_plot->mapToPosition(QPointF(double(*timeMs) + m_shiftMs, 0)).x();
    if (!chart()->plotArea().contains(QPointF(chartX, chart()->plotArea().center().y()))) {
        hideCrosshair();
        return;
    }
    placeCrosshair(chartX, double(*timeMs));
}

void CrosshairChartView::mousePressEvent(QMouseEvent* event)
{
    const QPointF at = chartPositionOf(event->position());
    const QRectF plot = chart()->plotArea();
    if (event->button() != Qt::LeftButton || !m_plot || !plot.contains(at)) {
        QChartView::mousePressEvent(event);
        return;
    }
    m_dragStartX = at.x();
    m_panLastX = at.x();
    if (event->modifiers() & Qt::ShiftModifier) {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    } else {
        m_drag = event->modifiers() & Qt::ControlModifier ? Drag::Window : Drag::Zoom;
        const QColor color = m_drag == Drag::Zoom ? m_theme->zoomSelection : m_theme->windowSelection;
        QColor fill = color;
        fill.setAlpha(50);
        m_rubberBand->setBrush(fill);
        m_rubberBand->setPen(QPen(color, 1));
        m_rubberBand->setRect(QRectF(at.x(), plot.top(), 0, plot.height()));
    }
    event->accept();
}

void CrosshairChartView::mouseMoveEvent(QMouseEvent* event)
{
    QChartView::mouseMoveEvent(event);
    const QPointF at = chartPositionOf(event->position());
    const QRectF plot = chart()->plotArea();
    if (m_drag == Drag::Pan) {
        const double dx = at.x() - m_panLastX;
        m_panLastX = at.x();
        const double msPerPixel
            = plot.width() > 0 ? (timeOfChartX(plot.right()) - timeOfChartX(plot.left())) / plot.width() : 0;
        if (dx != 0 && msPerPixel > 0)
            Q_EMIT panRequested(-qint64(std::llround(dx * msPerPixel)));
        return;
    }
    if (m_drag == Drag::Zoom || m_drag == Drag::Window) {
        const double x = std::clamp(at.x(), plot.left(), plot.right());
        m_rubberBand->setRect(QRectF(std::min(x, m_dragStartX), plot.top(), std::abs(x - m_dragStartX), plot.height()));
        m_rubberBand->setVisible(std::abs(x - m_dragStartX) >= dragThresholdPx);
    }
    if (!plot.contains(at) || !m_plot || m_plot->pointCount() == 0) {
        hideCrosshair();
        Q_EMIT hovered(std::nullopt);
        return;
    }
    const double timeMs = timeOfChartX(at.x());
    placeCrosshair(at.x(), timeMs, chart()->mapToScene(at));
    Q_EMIT hovered(qint64(std::llround(timeMs)));
    if (m_annotations && m_drag == Drag::None) {
        if (const std::optional<Annotation> near = m_annotations->annotationAt(at.x()))
            QToolTip::showText(event->globalPosition().toPoint(), annotationTip(*near), this);
        else
            QToolTip::hideText();
    }
}

void CrosshairChartView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_drag == Drag::None) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    const Drag drag = m_drag;
    m_drag = Drag::None;
    unsetCursor();
    m_rubberBand->hide();
    const QRectF plot = chart()->plotArea();
    const double x = std::clamp(chartPositionOf(event->position()).x(), plot.left(), plot.right());
    if (drag == Drag::Pan) {
        Q_EMIT panFinished();
        return;
    }
    if (std::abs(x - m_dragStartX) < dragThresholdPx) {
        // A click: on an annotation it selects it.
        if (m_annotations) {
            if (const std::optional<Annotation> near = m_annotations->annotationAt(x))
                Q_EMIT annotationClicked(*near);
        }
        return;
    }
    const qint64 from = qint64(std::llround(timeOfChartX(std::min(x, m_dragStartX))));
    const qint64 to = qint64(std::llround(timeOfChartX(std::max(x, m_dragStartX))));
    if (drag == Drag::Zoom)
        Q_EMIT zoomRequested(from, to);
    else
        Q_EMIT windowPicked(from, to);
    event->accept();
}

void CrosshairChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        Q_EMIT liveRequested();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void CrosshairChartView::wheelEvent(QWheelEvent* event)
{
    const QPointF at = chartPositionOf(event->position());
    const QRectF plot = chart()->plotArea();
    // Over the time axis (below the plot, within its width), or Ctrl+wheel over the plot.
    const bool overTimeAxis = at.x() >= plot.left() && at.x() <= plot.right() && at.y() > plot.bottom();
    const bool overPlot = plot.contains(at) && (event->modifiers() & Qt::ControlModifier);
    const int notches = event->angleDelta().y() / 120;
    if (!m_plot || notches == 0 || !(overTimeAxis || overPlot)) {
        QChartView::wheelEvent(event);
        return;
    }
    const double x = std::clamp(at.x(), plot.left(), plot.right());
    Q_EMIT wheelZoomRequested(qint64(std::llround(timeOfChartX(x))), std::pow(zoomPerNotch, notches));
    event->accept();
}

void CrosshairChartView::leaveEvent(QEvent* event)
{
    QChartView::leaveEvent(event);
    hideCrosshair();
    Q_EMIT hovered(std::nullopt);
}

void CrosshairChartView::hideCrosshair()
{
    m_line->hide();
    m_box->hide();
}

} // namespace perfdash
