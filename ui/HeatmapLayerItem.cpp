#include "HeatmapLayerItem.h"

#include <QPainter>

namespace perfdash {

namespace {
    // Over Qt Charts' grid (2), under its axes (3) and every line of the panel.
    constexpr qreal heatmapZValue = 2.5;
}

HeatmapLayerItem::HeatmapLayerItem(QGraphicsItem* parent)
    : QGraphicsObject(parent)
{
    setZValue(heatmapZValue);
    setAcceptedMouseButtons(Qt::NoButton);
}

void HeatmapLayerItem::setFrames(HistogramFrames frames)
{
    m_raster.setFrames(std::move(frames));
    update();
}

void HeatmapLayerItem::setTimeRange(double axisFromMs, double axisToMs, double shiftMs)
{
    m_raster.setTimeRange(axisFromMs, axisToMs, shiftMs);
    update();
}

void HeatmapLayerItem::setValueMapping(double axisMin, double axisMax, std::function<double(double)> toAxis)
{
    m_raster.setValueMapping(axisMin, axisMax, std::move(toAxis));
    update();
}

void HeatmapLayerItem::setColorMode(HeatmapColorMode mode)
{
    m_raster.setColorMode(mode);
    update();
}

void HeatmapLayerItem::setPlotArea(const QRectF& plotArea)
{
    if (plotArea == m_plotArea)
        return;
    prepareGeometryChange();
    m_plotArea = plotArea;
    // Whole pixels: the image is drawn 1:1 at the plot's top left.
    m_raster.setSize(plotArea.size().toSize());
    update();
}

std::optional<HeatmapCell> HeatmapLayerItem::cellAt(const QPointF& scenePosition) const
{
    return m_raster.cellAt(mapFromScene(scenePosition) - m_plotArea.topLeft());
}

void HeatmapLayerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_plotArea.isEmpty())
        return;
    const QImage& cells = m_raster.image();
    if (cells.isNull())
        return;
    painter->save();
    painter->setClipRect(m_plotArea);
    // The cells are whole pixels; smoothing would blur their edges into the neighbours' colours.
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter->drawImage(m_plotArea.topLeft(), cells);
    painter->restore();
}

} // namespace perfdash
