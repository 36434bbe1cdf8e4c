#pragma once

#include <QGraphicsObject>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

class QChart;
class QDateTimeAxis;
class QValueAxis;
class QXYSeries;

namespace perfdash {

// Draws a chart's data lines itself, laid over QChart::plotArea(): Qt Charts computes per-point geometry
// (atan2, hypot, stroking) that cost 100 ms for ten M4-decimated series, where one QPainter::drawPolyline
// per gap-free run costs pixels. Each drawn series follows a data-less QXYSeries of the chart for its
// name, pen and legend visibility, so the legend, its click-to-hide and the colours stay Qt Charts'.
// Positions map through the axes' ranges exactly as Qt Charts maps its own series (target lines etc.).
class SeriesPlotItem : public QGraphicsObject {
    Q_OBJECT
public:
    SeriesPlotItem(QChart* chart, QDateTimeAxis* axisX, QValueAxis* axisY);

    // Points in axis units (x = unix ms), in time order; a non-finite y ends a run (a gap). legendSeries
    // must belong to the chart; it gives the name, pen and visibility.
    void setPoints(QXYSeries* legendSeries, QList<QPointF> points);

    struct DrawnSeries {
        QXYSeries* legendSeries = nullptr;
        QList<QPointF> points;
        qsizetype finitePoints = 0;
        int runs = 0; // gap-free stretches with at least one point
    };
    const QList<DrawnSeries>& series() const { return m_series; }
    qsizetype pointCount() const;
    int runCount() const;
    bool isDrawn(const DrawnSeries& series) const;

    // Chart position → axis units, the inverse of what paint() uses.
    QPointF mapToValue(const QPointF& chartPosition) const;
    QPointF mapToPosition(const QPointF& value) const;

    // Lines 2 px wide inside a dark outline, so they read over any colour of a heatmap beneath them.
    void setOutlined(bool outlined) { m_outlined = outlined; }

    QRectF boundingRect() const override { return m_plotArea; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void setPlotArea(const QRectF& plotArea);

    QDateTimeAxis* m_axisX;
    QValueAxis* m_axisY;
    QRectF m_plotArea;
    QList<DrawnSeries> m_series;
    bool m_outlined = false;
};

} // namespace perfdash
