#include "HeatmapColorScaleItem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QWidget>

namespace perfdash {

HeatmapColorScaleItem::HeatmapColorScaleItem(QGraphicsItem* parent)
    : QGraphicsItem(parent)
{
    setZValue(5); // with the reference labels, over anything that might reach into the margin
    setAcceptedMouseButtons(Qt::NoButton);
}

void HeatmapColorScaleItem::setRect(const QRectF& rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
    update();
}

void HeatmapColorScaleItem::setScale(double maxValue, const QString& unitText, HeatmapColorMode mode)
{
    if (maxValue == m_maxValue && unitText == m_unitText && mode == m_mode)
        return;
    m_maxValue = maxValue;
    m_unitText = unitText;
    m_mode = mode;
    update();
}

void HeatmapColorScaleItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    // The view's palette on screen; the option's (the application's) when the scene is rendered elsewhere.
    const QPalette palette = widget ? widget->palette() : option ? option->palette : QPalette();
    paintHeatmapColorScale(*painter, m_rect, m_maxValue, m_unitText, palette, m_mode);
}

} // namespace perfdash
