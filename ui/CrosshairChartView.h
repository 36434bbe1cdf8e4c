#pragma once

#include "Annotation.h"

#include <QChartView>
#include <functional>
#include <optional>

class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace perfdash {

class AnnotationLayerItem;
class SeriesPlotItem;
struct Theme;

// A chart view that follows the mouse with a vertical line and a box listing the time and each visible
// series' nearest value, and turns the mouse into time navigation: drag to zoom, Shift+drag to pan,
// Ctrl+drag to pick a comparison window, the wheel over the time axis (or Ctrl+wheel anywhere) to zoom
// around the cursor, double-click to go live. It only asks: the tab's navigation decides, for every panel.
// Times it reports are real unix ms (the axis may show them shifted, see setTimeShiftMs).
class CrosshairChartView : public QChartView {
    Q_OBJECT
public:
    explicit CrosshairChartView(QChart* chart, QWidget* parent = nullptr);

    void setValueFormatter(std::function<QString(double)> formatter) { m_formatValue = std::move(formatter); }
    // The painted series the crosshair reports on (target and baseline lines are not among them).
    void setPlotItem(const SeriesPlotItem* plot) { m_plot = plot; }
    void setAnnotationLayer(const AnnotationLayerItem* layer) { m_annotations = layer; }
    // What the time axis adds to real times (the UTC display shifts them by the local offset).
    void setTimeShiftMs(double shiftMs) { m_shiftMs = shiftMs; }
    // What lies under the pointer (scene coordinates) besides the lines' values: a heatmap's cell.
    void setCellDescriber(std::function<QString(const QPointF&)> describe) { m_describeCell = std::move(describe); }

    // The crosshair, its value box and the drag selections in the theme's colours.
    void applyTheme(const Theme& theme);

    // What the crosshair shows at real time xMs; exposed so tests can check it without a mouse.
    QString crosshairText(double xMs) const;
    // Each shown series' value nearest real time timeMs, in display units (series with none are left out).
    QList<double> valuesAt(qint64 timeMs) const;
    // The crosshair of another panel in step: a line and the values at that time; nullopt hides it.
    void showCrosshairAt(std::optional<qint64> timeMs);
    // The real time under a view position, if it is over the plot.
    std::optional<qint64> timeAt(const QPoint& viewPosition) const;
    std::optional<Annotation> annotationAt(const QPoint& viewPosition) const;
    // The plot area in this view's coordinates (where a drag or a hover lands; for tests).
    QRectF plotRectInView() const;

Q_SIGNALS:
    void zoomRequested(qint64 fromMs, qint64 toMs);
    void windowPicked(qint64 fromMs, qint64 toMs);
    void panRequested(qint64 deltaMs);
    // The pan drag was let go: back() undoes it as one step.
    void panFinished();
    void wheelZoomRequested(qint64 anchorMs, double factor);
    void liveRequested();
    // The mouse is over the plot at this time (nullopt: it left), for the crosshairs of the other panels.
    void hovered(std::optional<qint64> timeMs);
    void annotationClicked(const perfdash::Annotation& annotation);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag { None, Zoom, Window, Pan };
    void hideCrosshair();
    void placeCrosshair(double chartX, double timeMs, std::optional<QPointF> pointer = std::nullopt);
    QPointF chartPositionOf(const QPointF& viewPosition) const;
    double timeOfChartX(double chartX) const;

    std::function<QString(double)> m_formatValue;
    std::function<QString(const QPointF&)> m_describeCell;
    const SeriesPlotItem* m_plot = nullptr;
    const AnnotationLayerItem* m_annotations = nullptr;
    double m_shiftMs = 0;
    const Theme* m_theme = nullptr;
    QGraphicsLineItem* m_line = nullptr;
    QGraphicsRectItem* m_box = nullptr;
    QGraphicsSimpleTextItem* m_text = nullptr;
    QGraphicsRectItem* m_rubberBand = nullptr;
    Drag m_drag = Drag::None;
    double m_dragStartX = 0; // chart x where the drag began
    double m_panLastX = 0;
};

} // namespace perfdash
