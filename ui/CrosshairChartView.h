#pragma once

#include <QChartView>
#include <QXYSeries>

#include <functional>

class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace perfdash {

// A chart view that follows the mouse with a vertical line and a box listing the time and each visible
// series' nearest value. valueFormatter turns a y value into text with its unit.
class CrosshairChartView : public QChartView {
    Q_OBJECT
public:
    explicit CrosshairChartView(QChart* chart, QWidget* parent = nullptr);

    void setValueFormatter(std::function<QString(double)> formatter) { m_formatValue = std::move(formatter); }
    // The series the crosshair reports on (target and baseline lines are left out).
    void setDataSeries(QList<QXYSeries*> series) { m_dataSeries = std::move(series); }

    // What the crosshair shows at plot x (unix ms); exposed so tests can check it without a mouse.
    QString crosshairText(double xMs) const;

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void hideCrosshair();

    std::function<QString(double)> m_formatValue;
    QList<QXYSeries*> m_dataSeries;
    QGraphicsLineItem* m_line = nullptr;
    QGraphicsRectItem* m_box = nullptr;
    QGraphicsSimpleTextItem* m_text = nullptr;
};

} // namespace perfdash
