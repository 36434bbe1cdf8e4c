#pragma once

#include "PanelSpec.h"

#include <QFrame>
#include <QHash>

#include <cmath>

class QChart;
class QGraphicsSimpleTextItem;
class QDateTimeAxis;
class QLegendMarker;
class QLineSeries;
class QValueAxis;

namespace perfdash {

class CrosshairChartView;
class Scorecard;
class TimeSeriesStore;

// One dashboard panel: a scorecard over a chart of every series of the panel's metric, with the target
// and baseline drawn as labelled lines. It owns no data: refresh() reads decimated points from the store.
class ChartPanel : public QFrame {
    Q_OBJECT
public:
    explicit ChartPanel(const PanelSpec& spec, QWidget* parent = nullptr);

    // Re-reads [fromMs, toMs] from the store and hands each series one point list through replace().
    void refresh(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs);

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
    QStringList legendLabels() const;
    bool isLegendEntryVisible(const QString& label) const;
    // What a click on the legend entry does: toggles the series. False if there is no such entry.
    bool toggleLegendEntry(const QString& label);
    Scorecard* scorecard() const { return m_scorecard; }
    CrosshairChartView* chartView() const { return m_view; }
    QValueAxis* valueAxis() const { return m_axisY; }

private:
    QLineSeries* seriesFor(const QString& key, const QString& legendName);
    void onLegendMarkerClicked(QLegendMarker* marker);
    void hideReferenceLegendMarkers();
    void placeReferenceLabels();
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
    QHash<QString, QLineSeries*> m_seriesByKey;
    double m_currentValue = std::nan("");
};

} // namespace perfdash
