#pragma once

#include "HistogramColumn.h"
#include "PanelSpec.h"
#include "QueryResult.h"

#include <QString>
#include <QStringList>
#include <cmath>

namespace perfdash {

// One drawable line of a PromQL panel: a legend name and its points (x = ms, y = raw value).
struct PanelLine {
    QString name;
    QList<QPointF> points;
};

// Everything a PromQL panel shows, produced off the widgets by whoever runs the queries and handed to
// the panel as one value: the range result for the chart, the instant value for the scorecard, and what
// went wrong. A panel never sits silently empty: no data comes with an error or a "waiting" state.
struct PanelQueryState {
    enum class Phase { Waiting, Loaded, Failed };
    Phase phase = Phase::Waiting;
    QString message; // Waiting: what is awaited; Failed: the reason, shown on the panel
    QList<PanelLine> lines;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    double stepMs = 0; // samples further apart than this (plus slack) are a gap, drawn as a break
    bool utc = false; // the time axis reads UTC instead of local time
    double instantValue = std::nan(""); // raw value of the instant query, the scorecard's number
    QStringList notes; // the server's warnings and infos, kept with the data
    // Heatmap panels: the answer's buckets as columns; `lines` then holds the quantile lines drawn over them
    // and instantValue the objective's quantile at the newest column.
    HistogramFrames histogram;
};

// Legend name for a series: a Prometheus-style template ("{{endpoint}} {{model}}") filled from the
// labels, or the label values joined (the metric name if that is all there is).
QString legendNameFor(const QMap<QString, QString>& labels, const QString& legendFormat);

// A range query's series as panel lines, named by legendNameFor; equal names get " (2)", " (3)"…, so
// no two legend entries read the same.
QList<PanelLine> panelLinesFor(const QList<QuerySeries>& series, const QString& legendFormat);

// A PromQL panel as the query runner needs it: its spec, and the width of its plot area in pixels, which
// sets the step (about one point per pixel column).
struct PanelQuery {
    PanelSpec spec;
    int plotWidthPx = 600;
};

// The range-query step of a panel: its override, else one point per pixel column, or fewer when the panel
// caps its data points, never below its minimum step (queryStepSeconds keeps the 11,000-point limit).
double panelStepSeconds(const PanelQuery& panel, qint64 rangeMs);

} // namespace perfdash
