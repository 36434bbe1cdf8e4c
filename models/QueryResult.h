#pragma once

#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>
#include <QStringList>

namespace perfdash {

// The kinds of result a Prometheus-API query can return ("resultType").
enum class QueryResultType { Matrix, Vector, Scalar, String };

QString queryResultTypeName(QueryResultType type);

// One bucket of a Prometheus native histogram sample, as the HTTP API sends it: [rule, "lower", "upper",
// "count"]. boundaryRule: 0 = (lower, upper], 1 = [lower, upper), 2 = (lower, upper), 3 = [lower, upper].
struct NativeHistogramBucket {
    int boundaryRule = 0;
    double lower = 0;
    double upper = 0;
    double count = 0;
};

// A native histogram sample: {"count": "…", "sum": "…", "buckets": [...]} at one time (ms).
struct NativeHistogramSample {
    qint64 timeMs = 0;
    double count = 0;
    double sum = 0;
    QList<NativeHistogramBucket> buckets;
};

// One series of a query result: its labels and its samples, x = unix time in ms, y = value. Values are kept
// as the server sent them, NaN and ±Inf included; drawing decides what to do with them.
struct QuerySeries {
    QMap<QString, QString> labels;
    QList<QPointF> points;
    // Native histogram samples ("histogram"/"histograms"), beside or instead of the float samples.
    QList<NativeHistogramSample> histograms;
};

struct QueryResult {
    QueryResultType type = QueryResultType::Matrix;
    QList<QuerySeries> series; // a scalar or string result is one series without labels
    // Kept and shown with the data: a partial answer is still an answer.
    QStringList warnings;
    QStringList infos;
};

} // namespace perfdash
