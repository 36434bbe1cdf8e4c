#pragma once

#include "HeatmapRaster.h"

#include <QGraphicsObject>
#include <QRectF>

namespace perfdash {

// A panel's histogram heatmap, laid over the chart's plot area under the lines: above Qt Charts' plot
// background and grid (z 0 to 2), below its axes (3), its reference lines (4), the annotation layer (4)
// and SeriesPlotItem (4.5). It paints one cached image the size of the plot area (see HeatmapRaster), so
// a repaint that changes nothing of the heatmap (the crosshair moving, a legend click) costs one
// drawImage. Knows no Qt Charts type: the panel hands it the plot area and the axes' ranges.
class HeatmapLayerItem : public QGraphicsObject {
    Q_OBJECT
public:
    explicit HeatmapLayerItem(QGraphicsItem* parent = nullptr);

    void setFrames(HistogramFrames frames);
    const HistogramFrames& frames() const { return m_raster.frames(); }
    // See HeatmapRaster: the time axis' range as it shows it (shifted), and the shift of real times.
    void setTimeRange(double axisFromMs, double axisToMs, double shiftMs);
    // See HeatmapRaster: the value axis' range in axis units, and bucket bound → axis units.
    void setValueMapping(double axisMin, double axisMax, std::function<double(double)> toAxis);
    void setColorMode(HeatmapColorMode mode);
    HeatmapColorMode colorMode() const { return m_raster.colorMode(); }
    // The plot area in this item's parent's coordinates (QChart::plotArea(), on QChart::plotAreaChanged).
    void setPlotArea(const QRectF& plotArea);
    QRectF plotArea() const { return m_plotArea; }

    // The cell under a scene position (the crosshair's), nullopt over a gap, an empty cell or off the plot.
    std::optional<HeatmapCell> cellAt(const QPointF& scenePosition) const;
    // The heatmap as paint() draws it, the plot area's size (for tests and benchmarks).
    const QImage& image() { return m_raster.image(); }
    int renderCount() const { return m_raster.renderCount(); }

    QRectF boundingRect() const override { return m_plotArea; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    HeatmapRaster m_raster;
    QRectF m_plotArea;
};

} // namespace perfdash
