#pragma once

#include "Annotation.h"
#include "TimeNavigation.h"

#include <QGraphicsObject>
#include <QList>
#include <optional>

namespace perfdash {

class SeriesPlotItem;
struct Theme;

// The marks over a panel's plot: annotations (a dashed line for a point, a band for a range, coloured by
// where they came from) and the before/after windows of a comparison. One item paints them all, and marks
// that fall on the same pixel column are drawn once, so 6,000 annotations cost at most one line per column.
class AnnotationLayerItem : public QGraphicsObject {
    Q_OBJECT
public:
    // Maps times through the plot item, which follows the chart's axes.
    explicit AnnotationLayerItem(const SeriesPlotItem* plot, QGraphicsItem* parent);

    // Times are real unix ms; shiftMs is what the chart adds to every time it draws (UTC display).
    void setAnnotations(QList<Annotation> annotations, double shiftMs);
    const QList<Annotation>& annotations() const { return m_annotations; }
    void setSelected(const std::optional<Annotation>& selected);
    void setWindows(const std::optional<TimeRange>& before, const std::optional<TimeRange>& after);

    // The annotation drawn within tolerancePx of chart x, nearest first; nullopt when none is.
    std::optional<Annotation> annotationAt(double chartX, double tolerancePx = 4) const;
    // Pixel columns painted for point annotations on the last paint (for tests of the 6,000-mark case).
    int paintedPointColumns() const { return m_paintedPointColumns; }

    // The colours of the theme the chart is drawn in.
    void applyTheme(const Theme& theme);

    // The plot area moved or resized (call after the plot item has taken the new area).
    void followPlotArea();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    // Time → chart x, read from the axes once per paint: QDateTimeAxis::min() converts a QDateTime each
    // call, which 6,000 marks would pay 12,000 times.
    struct TimeToX {
        double originMs = 0;
        double originX = 0;
        double pixelsPerMs = 0;
        double operator()(qint64 ms) const { return originX + (double(ms) - originMs) * pixelsPerMs; }
    };
    TimeToX timeToX() const;

    // One colour per place an annotation comes from, the same on every panel.
    QColor colorOf(Annotation::Origin origin) const;

    const SeriesPlotItem* m_plot;
    const Theme* m_theme;
    QList<Annotation> m_annotations;
    double m_shiftMs = 0;
    std::optional<Annotation> m_selected;
    std::optional<TimeRange> m_before;
    std::optional<TimeRange> m_after;
    int m_paintedPointColumns = 0;
};

} // namespace perfdash
