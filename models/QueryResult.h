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

// One series of a query result: its labels and its samples, x = unix time in ms, y = value. Values are kept
// as the server sent them, NaN and ±Inf included; drawing decides what to do with them.
struct QuerySeries {
    QMap<QString, QString> labels;
    QList<QPointF> points;
};

struct QueryResult {
    QueryResultType type = QueryResultType::Matrix;
    QList<QuerySeries> series; // a scalar or string result is one series without labels
    // Kept and shown with the data: a partial answer is still an answer.
    QStringList warnings;
    QStringList infos;
};

} // namespace perfdash
