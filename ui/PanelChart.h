#pragma once

#include "Annotation.h"
#include "HistogramColumn.h"
#include "PanelSpec.h"
#include "TimeNavigation.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QStringList>
#include <functional>
#include <optional>

class QChart;
class QDateTimeAxis;
class QGraphicsSimpleTextItem;
class QLegendMarker;
class QLineSeries;
class QValueAxis;
class QWidget;

namespace perfdash {

class AnnotationLayerItem;
class HeatmapColorScaleItem;
class HeatmapLayerItem;
class CrosshairChartView;
class SeriesPlotItem;
struct Theme;
struct TimeAxisTicks;

// The chart of one panel, shared by both render paths: the time and value axes, the target, baseline and
// threshold lines labelled where they are drawn, and a fixed set of legend slots whose points a
// SeriesPlotItem paints. The chart's QLineSeries hold no data points; they serve the legend (names,
// colours, click to hide) only. Every Qt Charts type of a panel stays behind this class.
class PanelChart : public QObject {
    Q_OBJECT
public:
    // The view is created as a child of viewParent, which lays it out.
    PanelChart(const PanelSpec& spec, QWidget* viewParent);

    CrosshairChartView* view() const { return m_view; }
    // Background, axes, legend, reference lines, series, crosshair and marks in the theme's colours. A
    // series keeps its place in the palette; the palette is the theme's.
    void applyTheme(const Theme& theme);
    // One M4 column per pixel column of the plot (at least 16): what a line chart can show.
    int plotColumns() const;

    // Gives each drawn key a legend slot: a key drawn before keeps its slot (its colour, its place in the
    // legend); slots left over are emptied and hidden. nameOf gives a new key's legend name.
    void assignSlots(const QStringList& drawn, const std::function<QString(const QString&)>& nameOf);
    // Whether a drawn key's line is shown (not hidden with a legend click).
    bool isShown(const QString& key) const;
    // Points of a drawn key in axis units (x = ms, y = display units); a NaN y breaks the line.
    void setPoints(const QString& key, QList<QPointF> points);
    // Keys the user hid with a legend click; they stay hidden wherever they are drawn.
    const QSet<QString>& hiddenKeys() const { return m_hiddenKeys; }

    // Draws target, baseline and thresholds across [fromMs, toMs] and fits the value axis to them and
    // [low, high]. Qt Charts axes do not follow the data: call it on every draw.
    void fitValueAxis(qint64 fromMs, qint64 toMs, double low, double high);
    // Heatmaps: fits the bucket axis to the buckets' bounds (display units) and the target and baseline.
    // On a log scale the axis runs in log10 units, labelled at round values.
    void fitBucketAxis(qint64 fromMs, qint64 toMs, double lowestBound, double highestBound);
    // Display units to the value axis' units and back: log10 on a heatmap's log scale, else the identity.
    // A value <= 0 has no place on a log scale (NaN).
    double toAxis(double value) const;
    // A heatmap panel's cells (bounds in raw units), drawn under its lines with a colour scale beside.
    void setHeatmapFrames(HistogramFrames frames);
    const HeatmapLayerItem* heatmapLayer() const { return m_heatmap; }
    double fromAxis(double axisValue) const;
    void setTimeRange(qint64 fromMs, qint64 toMs, const TimeAxisTicks& ticks);
    void setTimeAxisTitle(const QString& title);
    // What the time axis adds to real times (the UTC display shifts them by the local offset).
    void setTimeShiftMs(double shiftMs);

    // Marks over the plot: the annotations in view, the selected one, the comparison's windows.
    void setAnnotations(QList<Annotation> annotations);
    void setSelectedAnnotation(const std::optional<Annotation>& selected);
    void setComparisonWindows(const std::optional<TimeRange>& before, const std::optional<TimeRange>& after);
    const AnnotationLayerItem* annotationLayer() const { return m_annotations; }
    // Puts the reference lines' labels at their lines; after the axes are set.
    void placeReferenceLabels();

    // Introspection for ChartPanel's test-facing views.
    qsizetype pointCount() const;
    int runCount() const;
    QString targetLineLabel() const;
    qsizetype targetLinePointCount() const;
    qsizetype baselineLinePointCount() const;
    QStringList thresholdLineLabels() const;
    double valueAxisMax() const;
    QStringList legendLabels() const;
    bool isLegendEntryVisible(const QString& label) const;
    bool toggleLegendEntry(const QString& label);

Q_SIGNALS:
    // The plot got wider or narrower (or moved): a store panel decimates again for the new columns.
    void plotAreaChanged();

private:
    QLineSeries* slotOf(const QString& key) const;
    // Legend markers: connected, shown for drawn slots (dimmed where hidden), hidden for the rest.
    void syncLegendMarkers();
    void onLegendMarkerClickedSignal();
    void onLegendMarkerClicked(QLegendMarker* marker);
    QColor colorOf(const QString& key);
    void hideReferenceLegendMarkers();
    void drawReferenceLines(qint64 fromMs, qint64 toMs);
    // The heatmap cell under the pointer, for the crosshair: bucket, rate, count in the step, share.
    QString describeCellAt(const QPointF& scenePosition) const;

    PanelSpec m_spec;
    const Theme* m_theme = nullptr; // Theme::light() or Theme::dark(), which live as long as the program
    QChart* m_chart = nullptr;
    CrosshairChartView* m_view = nullptr;
    QDateTimeAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    QLineSeries* m_targetLine = nullptr;
    QLineSeries* m_baselineLine = nullptr;
    QGraphicsSimpleTextItem* m_targetLabel = nullptr;
    QGraphicsSimpleTextItem* m_baselineLabel = nullptr;
    // One dashed line and label per PanelSpec::thresholds entry, in the same order.
    QList<QLineSeries*> m_thresholdLines;
    QList<QGraphicsSimpleTextItem*> m_thresholdLabels;
    // Legend slots, created as needed up to spec().maxSeries, and the key each one draws (empty: unused).
    QList<QLineSeries*> m_slots;
    QStringList m_slotKeys;
    // A colour per key for as long as the panel lives, so a series keeps its colour across slots.
    QHash<QString, int> m_colorIndex;
    QSet<QString> m_hiddenKeys;
    SeriesPlotItem* m_plot = nullptr;
    AnnotationLayerItem* m_annotations = nullptr;
    HeatmapLayerItem* m_heatmap = nullptr; // heatmap panels only
    HeatmapColorScaleItem* m_colorScale = nullptr;
    double m_shiftMs = 0;
    bool m_logBuckets = false; // a heatmap on a log scale: the value axis runs in log10 units
    qsizetype m_longestValueLabel = 0; // characters of the value axis' widest label, as last laid out
};

} // namespace perfdash
