#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <limits>

namespace perfdash {

// How a histogram's buckets were made, because histogram_quantile treats the two kinds differently at
// their edges (the +Inf bucket of a classic histogram, the zero bucket of a native one).
enum class HistogramKind { Classic, Native };

// One time step of a histogram as a heatmap draws it: non-cumulative buckets, bucket i spanning
// (bounds[i], bounds[i+1]] and holding values[i] (observations per second after a rate, or counts).
// bounds has values.size() + 1 entries, ascending; the last may be +Inf. Columns with the same layout share
// their bounds (QList is implicitly shared), so 1,000 steps of 200 buckets store the bounds once.
struct HistogramColumn {
    qint64 timeMs = 0;
    QList<double> bounds;
    QList<double> values;
    HistogramKind kind = HistogramKind::Classic;
    // The histogram's own count and sum where the source gave them; NaN otherwise.
    double count = std::numeric_limits<double>::quiet_NaN();
    double sum = std::numeric_limits<double>::quiet_NaN();

    qsizetype bucketCount() const { return values.size(); }
    // The sum of values: what the column holds in all.
    double total() const;
};

// The histogram of a panel over a time range: its columns in ascending time. A step with no data has no
// column; a heatmap draws it as a gap (consecutive columns further apart than 1.5 steps).
struct HistogramFrames {
    QList<HistogramColumn> columns;
    qint64 stepMs = 0;
    // What was wrong with the data and where, kept for the panel to show ("bucket layout changed at …",
    // "cumulative counts fall from le=5 to le=10 at …"); the columns are drawn regardless.
    QStringList problems;

    // The largest value of any bucket (0 when empty): the top of the colour scale.
    double maxValue() const;
    // The smallest finite non-zero and the largest finite bound over all columns: the value axis' range.
    double lowestBound() const;
    double highestFiniteBound() const;
};

} // namespace perfdash
