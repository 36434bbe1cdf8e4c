#pragma once

#include "PanelQueryState.h"
#include "PanelSpec.h"
#include "VisibleSeries.h"

#include <QFrame>
#include <QHash>

#include <cmath>

class QChart;
class QGraphicsSimpleTextItem;
class QLabel;
class QDateTimeAxis;
class QLegendMarker;
class QLineSeries;
class QValueAxis;

namespace perfdash {

class CrosshairChartView;
class Scorecard;
class SeriesPlotItem;
class TimeSeriesStore;

// One dashboard panel: a scorecard over a chart of every series of the panel's metric, with the target
// and baseline drawn as labelled lines. It owns no data: refresh() reads decimated points from the store.
// The data lines are painted by a SeriesPlotItem; the chart's QLineSeries hold no points and serve the
// legend (names, colours, click to hide) only.
class ChartPanel : public QFrame {
    Q_OBJECT
public:
    explicit ChartPanel(const PanelSpec& spec, QWidget* parent = nullptr);

    // Re-reads [fromMs, toMs] from the store, M4-decimated to one column per pixel of the plot's width,
    // and hands each series' points to the plot item.
    void refresh(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs);
    // PromQL panels (spec().query set) draw the results handed to them here instead of store reads: each
    // series split at its gaps, the instant value on the scorecard, and any error or warning in words.
    void setQueryState(const PanelQueryState& state);
    // The words above a PromQL panel's chart: an error, what it waits for, or the server's warnings.
    QString queryMessage() const;
    // Lines drawn for PromQL results: a series with one gap is two lines.
    int drawnLineCount() const;

    const PanelSpec& spec() const { return m_spec; }
    // The scorecard's number in display units; NaN until data arrives.
    double currentValue() const { return m_currentValue; }

    // Introspection for tests and diagnostics.
    int dataSeriesCount() const { return int(m_seriesByKey.size()); }
    qsizetype pointCount() const;
    // Chart-library-free views of what is drawn, so tests need no Qt Charts include.
    QString targetLineLabel() const;
    qsizetype targetLinePointCount() const;
    qsizetype baselineLinePointCount() const;
    // The threshold lines' labels as drawn, e.g. "warning 1.8 s" (for tests).
    QStringList thresholdLineLabels() const;
    // The top of the value axis as fitted (for tests, which keep Qt Charts includes out).
    double valueAxisMax() const;
    QStringList legendLabels() const;
    bool isLegendEntryVisible(const QString& label) const;
    // What a click on the legend entry does: toggles the series. False if there is no such entry.
    bool toggleLegendEntry(const QString& label);
    Scorecard* scorecard() const { return m_scorecard; }
    // What the panel shows, for exports: the series not hidden in the legend, every sample of the last
    // refresh's range in display units (NaN kept), and that range.
    QList<VisibleSeries> visibleSeries() const;
    qint64 visibleFromMs() const { return m_fromMs; }
    qint64 visibleToMs() const { return m_toMs; }
    CrosshairChartView* chartView() const { return m_view; }
    QValueAxis* valueAxis() const { return m_axisY; }

private:
    QLineSeries* seriesFor(const QString& key, const QString& legendName);
    void onLegendMarkerClicked(QLegendMarker* marker);
    // The plot got wider or narrower: decimate again for the new pixel columns, even while paused.
    void onPlotAreaChanged();
    void hideReferenceLegendMarkers();
    void placeReferenceLabels();
    // Draws target and baseline across [fromMs, toMs] and fits the value axis to them and [low, high].
    void fitValueAxis(qint64 fromMs, qint64 toMs, double low, double high);
    double computeCurrentValue(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs) const;

    PanelSpec m_spec;
    Scorecard* m_scorecard = nullptr;
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
    QHash<QString, QLineSeries*> m_seriesByKey;
    SeriesPlotItem* m_plot = nullptr;
    int m_decimatedColumns = 0;
    bool m_redecimateQueued = false;
    double m_currentValue = std::nan("");
    QLabel* m_queryMessage = nullptr;
    // A PromQL panel's last answer in display units (NaN kept, gaps not split), for exports.
    QList<VisibleSeries> m_queryLines;
    // The store and range of the last refresh, so exports read exactly what is drawn.
    const TimeSeriesStore* m_store = nullptr;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace perfdash
