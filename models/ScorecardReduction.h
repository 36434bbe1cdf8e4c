#pragma once

#include "PanelQueryState.h"
#include "PanelSpec.h"
#include "QueryResult.h"
#include "SeriesSelection.h"

#include <QList>
#include <QPointF>
#include <optional>

namespace perfdash {

class TimeSeriesStore;

// The scorecard's arithmetic, kept off the widgets: each series reduced to one value by the panel's rule
// (latest value or window peak), in display units, and the worst of them in the target's direction.
// Met / not met and the change vs baseline of that value are evaluateTarget() (Target.h).

// A line's reduction over its finite points, in display units: the last one (WorstLatest) or the
// highest (WindowPeak). NaN when no point is finite.
double reduceLine(const QList<QPointF>& points, ScorecardReduce reduce, double displayScale);

// Every series of the panel's metric in the store with its reduction over [fromMs, toMs], display units:
// the latest sample if it falls in the range, or the range's peak. NaN for a series with none.
QList<ReducedSeries> reduceStoreSeries(const TimeSeriesStore& store, const PanelSpec& spec, qint64 fromMs, qint64 toMs);

// Each PromQL line with its reduction (the panel's rule over the line's own points), in line order.
QList<ReducedSeries> reduceQueryLines(const QList<PanelLine>& lines, const PanelSpec& spec);

// The newest finite point of any line, y in display units; at equal times the worse value in the
// direction. What the scorecard names as "last value" when the instant falls in a gap.
std::optional<QPointF> newestFinitePoint(const QList<PanelLine>& lines, double displayScale, Direction direction);

// Points of the lines that are NaN or ±Inf: kept in the data, not drawn.
qsizetype nonFiniteCount(const QList<PanelLine>& lines);

// An instant query's scorecard value: the worst over every series' latest (instant) value in the
// target's direction, raw units. NaN when there is none.
double worstLatestValue(const QList<QuerySeries>& series, Direction direction);

} // namespace perfdash
