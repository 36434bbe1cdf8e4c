#pragma once

#include "Annotation.h"
#include "HeatmapSummary.h"
#include "HistogramColumn.h"
#include "PanelQueryState.h"
#include "PanelSpec.h"
#include "SeriesSelection.h"
#include "TimeNavigation.h"
#include "VisibleSeries.h"
#include "WindowComparison.h"

#include <QFrame>
#include <QHash>
#include <QSet>
#include <cmath>
#include <memory>
#include <optional>

class QLabel;
class QToolButton;

namespace perfdash {

class CrosshairChartView;
class HeatmapChartRenderer;
class PanelChart;
class QueryChartRenderer;
class Scorecard;
class StoreChartRenderer;
class TimeSeriesStore;
class WindowComparisonView;

// One dashboard panel: a scorecard over a chart of the series of the panel's metric, with the target
// and baseline drawn as labelled lines. It owns no data: refresh() reads decimated points from the store.
// The chart (PanelChart) is drawn by one of two render paths, the live store (StoreChartRenderer) or a
// PromQL answer (QueryChartRenderer); the panel lays them out with the scorecard, the words above the
// chart and the Series… button. At most spec().maxSeries series are drawn (SeriesSelection says which),
// each in one of a fixed set of legend slots, so 13,000 series cost what 30 do; the panel says so above
// the chart and offers the rest to search and pin.
class ChartPanel : public QFrame {
    Q_OBJECT
public:
    explicit ChartPanel(const PanelSpec& spec, QWidget* parent = nullptr);
    ~ChartPanel() override;

    // Re-reads [fromMs, toMs] from the store, M4-decimated to one column per pixel of the plot's width,
    // and hands each series' points to the plot item.
    void refresh(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs);
    // PromQL panels (spec().query set) draw the results handed to them here instead of store reads: each
    // series split at its gaps, the instant value on the scorecard, and any error or warning in words.
    void setQueryState(const PanelQueryState& state);
    // The words above a PromQL panel's chart: an error, what it waits for, or the server's warnings.
    QString queryMessage() const;
    // Why the panel has no answer (its query failed, or a snapshot gave up waiting); empty when it is fine.
    QString failure() const { return m_failure; }
    // Marks the panel failed with these words, drawn on it in red (the snapshot's "no answer in time").
    void setFailure(const QString& reason);
    // Lines drawn for PromQL results: a series with one gap is two lines.
    int drawnLineCount() const;

    const PanelSpec& spec() const { return m_spec; }
    // The spec and the plot area's width (the panel less its axes): a query runner's step follows it.
    PanelQuery panelQuery() const;
    // The scorecard's number in display units; NaN until data arrives.
    double currentValue() const { return m_currentValue; }

    // Introspection for tests and diagnostics: series drawn, and series the panel has in all.
    int dataSeriesCount() const { return int(m_selection.drawn.size()); }
    qsizetype totalSeriesCount() const { return m_selection.total; }
    // "13,414 series · drawing the 30 worst by latest value", empty while all are drawn.
    QString seriesNote() const;
    // Pinned series are drawn first, whatever their values (the series picker's choice).
    void setPinnedSeries(const QSet<QString>& keys);
    const QSet<QString>& pinnedSeries() const { return m_pinned; }
    // Every series key the panel has, drawn or not: what the series picker lists.
    QStringList allSeriesKeys() const;
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

    // Heatmap panels: the columns drawn and what the scorecard says of the newest; nullptr / nullopt for
    // other panels.
    const HistogramFrames* histogramFrames() const;
    std::optional<HeatmapSummary> heatmapSummary() const;

    // The chart's view: its signals ask the tab to zoom, pan, pick a window or select an annotation.
    CrosshairChartView* chartView() const;
    // The tab's marks, in step on every panel: annotations in view, the selected one, the compared windows.
    void setAnnotations(QList<Annotation> annotations);
    void setSelectedAnnotation(const std::optional<Annotation>& selected);
    void setComparisonWindows(const std::optional<TimeRange>& before, const std::optional<TimeRange>& after);
    const QList<Annotation>& drawnAnnotations() const;
    // Pixel columns the last paint drew point annotations on (6,000 marks cost at most one per column).
    int paintedAnnotationColumns() const;
    // Where the mouse goes: the chart's viewport, and the plot area in its coordinates (tests drive drags
    // with these, with no Qt Charts include).
    QWidget* plotViewport() const;
    QRectF plotRect() const;
    // The panel's drawn series in both windows (from the store, or from its PromQL answer at one step).
    PanelWindowValues windowValues(const TimeWindow& before, const TimeWindow& after) const;
    // Shows the comparison in place of the chart; nullopt shows the chart again.
    void showWindowComparison(const std::optional<PanelWindowComparison>& comparison);
    // The comparison view, while one is shown (for tests and exports); nullptr otherwise.
    const WindowComparisonView* windowComparisonView() const;

    // Another panel's crosshair, in step: the line and this panel's values at that time.
    void showCrosshairAt(std::optional<qint64> timeMs);
    // The worst of the shown series at that time, by the panel's direction (what its scorecard would say
    // then); NaN where nothing is drawn.
    double valueAt(qint64 timeMs) const;
    // The real time under a global screen position, if it is over the plot (where a right click was).
    std::optional<qint64> timeAtGlobal(const QPoint& globalPosition) const;
    // The annotation drawn under a global screen position, if any.
    std::optional<Annotation> annotationAtGlobal(const QPoint& globalPosition) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateSeriesNote();
    void pickSeries();
    // The plot got wider or narrower: decimate again for the new pixel columns, even while paused.
    void onPlotAreaChanged();
    void showQueryScorecard(const PanelQueryState& state);
    void showQueryMessage(const PanelQueryState& state);
    void showHeatmapScorecard();
    // A stream heatmap's column width for a range.
    qint64 heatmapStepMs(qint64 rangeMs) const;
    // A stream heatmap's columns for the range, read again only when its grid of columns moves.
    const HistogramFrames& streamHeatmapFrames(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs);

    PanelSpec m_spec;
    Scorecard* m_scorecard = nullptr;
    PanelChart* m_chart = nullptr;
    std::unique_ptr<StoreChartRenderer> m_storeRenderer;
    std::unique_ptr<QueryChartRenderer> m_queryRenderer;
    std::unique_ptr<HeatmapChartRenderer> m_heatmapRenderer; // heatmap panels only
    // Reading every bucket counter over the range costs the range, not the pixels: at 30 Hz a 24 h view
    // would read millions of samples a frame. The columns only change when a new one is due.
    struct StreamHeatmapGrid {
        const TimeSeriesStore* store = nullptr;
        qint64 firstColumn = 0; // in steps
        qint64 lastColumn = 0;
        qint64 stepMs = 0;
        bool settled = false; // read again once the newest column's last samples have arrived
        bool operator==(const StreamHeatmapGrid&) const = default;
    };
    StreamHeatmapGrid m_heatmapGrid;
    HistogramFrames m_heatmapFrames;
    QSet<QString> m_pinned;
    SeriesSelection m_selection;
    QLabel* m_seriesNote = nullptr;
    QToolButton* m_pickSeriesButton = nullptr;
    bool m_redecimateQueued = false;
    double m_currentValue = std::nan("");
    QLabel* m_queryMessage = nullptr;
    // A PromQL panel's last answer as handed over, to draw again when the pinned series change.
    PanelQueryState m_queryState;
    QString m_failure;
    WindowComparisonView* m_comparisonView = nullptr;
    // The store and range of the last refresh, so exports read exactly what is drawn.
    const TimeSeriesStore* m_store = nullptr;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace perfdash
