#pragma once

#include "PanelQueryState.h"
#include "PanelSpec.h"
#include "SeriesSelection.h"
#include "VisibleSeries.h"

#include <QSet>

namespace perfdash {

class PanelChart;

// The PromQL render path of a panel: the lines of a query answer, the worst spec().maxSeries of them
// (pinned first), each split at its gaps, on a time axis in local time or UTC.
class QueryChartRenderer {
public:
    QueryChartRenderer(const PanelSpec& spec, PanelChart& chart);

    // Draws the answer and fits both axes; returns which lines are drawn and the worst over all of them.
    SeriesSelection draw(const PanelQueryState& state, const QSet<QString>& pinned);
    // The last answer in display units (NaN kept, gaps not split): every line, drawn or not.
    const QList<VisibleSeries>& lines() const { return m_lines; }
    // Those lines less the ones hidden in the legend, for exports.
    QList<VisibleSeries> visibleSeries() const;

private:
    PanelSpec m_spec;
    PanelChart& m_chart;
    QList<VisibleSeries> m_lines;
};

} // namespace perfdash
