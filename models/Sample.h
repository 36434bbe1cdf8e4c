#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>
#include <vector>

namespace perfdash {

// Label pairs sorted by name, so equal label sets compare and hash equal.
using Labels = std::vector<std::pair<QString, QString>>;

// One measurement of one series. Timestamps are unix milliseconds throughout perfdash;
// values may be NaN or +/-Inf (Prometheus and the stream formats allow both).
struct Sample {
    QString metric;
    Labels labels;
    qint64 timestampMs = 0;
    double value = 0.0;
    // The part of a finer timestamp below the millisecond (0..999,999 ns; line protocol sends ns). The
    // store orders and de-duplicates by it, so per-request events closer than 1 ms are all kept.
    qint32 subMsNanos = 0;
};

using SampleBatch = std::vector<Sample>;

// Canonical series identity in Prometheus text form: metric{a="x",b="y"} with labels sorted
// and '\\', '"' and newlines escaped. A series without labels is just the metric name.
QString seriesKey(const QString& metric, const Labels& labels);

// Sorts by label name; a later duplicate of a name wins (matches Prometheus's last-wins parsing).
void normalizeLabels(Labels& labels);

} // namespace perfdash
