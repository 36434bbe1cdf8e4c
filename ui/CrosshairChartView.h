#pragma once

#include <QChartView>

#include <functional>

class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace perfdash {

class SeriesPlotItem;

// A chart view that follows the mouse with a vertical line and a box listing the time and each visible
// series' nearest value. valueFormatter turns a y value into text with its unit.
class CrosshairChartView : public QChartView {
    Q_OBJECT
public:
    explicit CrosshairChartView(QChart* chart, QWidget* parent = nullptr);

    void setValueFormatter(std::function<QString(double)> formatter) { m_formatValue = std::move(formatter); }
    // The painted series the crosshair reports on (target and baseline lines are not among them).
    void setPlotItem(const SeriesPlotItem* plot) { m_plot = plot; }

    // What the crosshair shows at plot x (unix ms); exposed so tests can check it without a mouse.
    QString crosshairText(double xMs) const;

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void hideCrosshair();

    std::function<QString(double)> m_formatValue;
    const SeriesPlotItem* m_plot = nullptr;
    QGraphicsLineItem* m_line = nullptr;
    QGraphicsRectItem* m_box = nullptr;
    QGraphicsSimpleTextItem* m_text = nullptr;
};

} // namespace perfdash
