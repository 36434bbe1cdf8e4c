#pragma once

#include "HeatmapColorMap.h"

#include <QGraphicsItem>
#include <QRectF>
#include <QString>

namespace perfdash {

// The heatmap's colour scale on screen: paintHeatmapColorScale() in a scene item, for the panel to place
// right of the plot area (its width from heatmapColorScaleWidth()). Exports that paint the scene get it as
// it is; an export without the scene calls paintHeatmapColorScale() itself.
class HeatmapColorScaleItem : public QGraphicsItem {
public:
    explicit HeatmapColorScaleItem(QGraphicsItem* parent = nullptr);

    // The area of bar and labels, in the parent's coordinates.
    void setRect(const QRectF& rect);
    void setScale(double maxValue, const QString& unitText, HeatmapColorMode mode);
    double maxValue() const { return m_maxValue; }

    QRectF boundingRect() const override { return m_rect; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF m_rect;
    double m_maxValue = 0;
    QString m_unitText;
    HeatmapColorMode m_mode = HeatmapColorMode::Sqrt;
};

} // namespace perfdash
