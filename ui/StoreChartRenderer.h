#pragma once

#include "PanelSpec.h"
#include "Sample.h"
#include "SeriesSelection.h"
#include "VisibleSeries.h"

#include <QSet>

namespace perfdash {

class PanelChart;
class TimeSeriesStore;

// A stored series' name in legends and comparisons: its label values ("analyzer, gpt-5"), or the metric.
QString storeLegendName(const Labels& labels, const QString& metric);

// The live render path of a panel: series of the panel's metric read from the store, the worst
// spec().maxSeries of them (pinned first) M4-decimated to one column per pixel of the plot.
class StoreChartRenderer {
public:
    StoreChartRenderer(const PanelSpec& spec, PanelChart& chart);

    // Draws [fromMs, toMs] and fits both axes; returns which series are drawn and the scorecard's worst.
    SeriesSelection draw(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs, const QSet<QString>& pinned);
    // The plot columns of the last draw: a plot of another width needs a new one.
    int decimatedColumns() const { return m_decimatedColumns; }
    // Every series, drawn or not, less those hidden in the legend: raw samples of [fromMs, toMs] in
    // display units, so an export keeps what M4 merged away.
    QList<VisibleSeries> visibleSeries(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs) const;

private:
    PanelSpec m_spec;
    PanelChart& m_chart;
    int m_decimatedColumns = 0;
};

} // namespace perfdash
