#pragma once

#include "PanelQueryState.h"
#include "PanelSpec.h"
#include "SeriesSelection.h"
#include "VisibleSeries.h"

#include <QFrame>
#include <QHash>
#include <QSet>

#include <cmath>
#include <functional>

class QChart;
class QGraphicsSimpleTextItem;
class QLabel;
class QDateTimeAxis;
class QLegendMarker;
class QLineSeries;
class QToolButton;
class QValueAxis;

namespace perfdash {

class CrosshairChartView;
class Scorecard;
class SeriesPlotItem;
class TimeSeriesStore;

// One dashboard panel: a scorecard over a chart of the series of the panel's metric, with the target
// and baseline drawn as labelled lines. It owns no data: refresh() reads decimated points from the store.
// The data lines are painted by a SeriesPlotItem; the chart's QLineSeries hold no points and serve the
// legend (names, colours, click to hide) only. At most spec().maxSeries series are drawn (SeriesSelection
// says which), each in one of a fixed set of legend slots, so 13,000 series cost what 30 do; the panel
// says so above the chart and offers the rest to search and pin.
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
    // Why the panel has no answer (its query failed, or a snapshot gave up waiting); empty when it is fine.
    QString failure() const { return m_failure; }
    // Marks the panel failed with these words, drawn on it in red (the snapshot's "no answer in time").
    void setFailure(const QString& reason);
    // Lines drawn for PromQL results: a series with one gap is two lines.
    int drawnLineCount() const;

    const PanelSpec& spec() const { return m_spec; }
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

private:
    // Gives each drawn key a legend slot: a key drawn before keeps its slot (its colour, its place in the
    // legend); slots left over are emptied and hidden. nameOf gives a new key's legend name.
    void assignSlots(const QStringList& drawn, const std::function<QString(const QString&)>& nameOf);
    QLineSeries* slotOf(const QString& key) const;
    // Legend markers: connected, shown for drawn slots (dimmed where hidden), hidden for the rest.
    void syncLegendMarkers();
    void onLegendMarkerClickedSignal();
    QColor colorOf(const QString& key);
    void updateSeriesNote();
    void pickSeries();
    void onLegendMarkerClicked(QLegendMarker* marker);
    // The plot got wider or narrower: decimate again for the new pixel columns, even while paused.
    void onPlotAreaChanged();
    void hideReferenceLegendMarkers();
    void placeReferenceLabels();
    // Draws target and baseline across [fromMs, toMs] and fits the value axis to them and [low, high].
    void fitValueAxis(qint64 fromMs, qint64 toMs, double low, double high);

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
    // Legend slots, created as needed up to spec().maxSeries, and the key each one draws (empty: unused).
    QList<QLineSeries*> m_slots;
    QStringList m_slotKeys;
    // A colour per key for as long as the panel lives, so a series keeps its colour across slots.
    QHash<QString, int> m_colorIndex;
    // Keys the user hid with a legend click; they stay hidden wherever they are drawn.
    QSet<QString> m_hiddenKeys;
    QSet<QString> m_pinned;
    SeriesSelection m_selection;
    QLabel* m_seriesNote = nullptr;
    QToolButton* m_pickSeriesButton = nullptr;
    SeriesPlotItem* m_plot = nullptr;
    int m_decimatedColumns = 0;
    bool m_redecimateQueued = false;
    double m_currentValue = std::nan("");
    QLabel* m_queryMessage = nullptr;
    // A PromQL panel's last answer in display units (NaN kept, gaps not split), for exports.
    QList<VisibleSeries> m_queryLines;
    // That answer as handed over, to draw again when the pinned series change.
    PanelQueryState m_queryState;
    QString m_failure;
    // The store and range of the last refresh, so exports read exactly what is drawn.
    const TimeSeriesStore* m_store = nullptr;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace perfdash
