#pragma once

#include "PrometheusResponse.h"

#include <QByteArrayView>

namespace perfdash {

// Parses Prometheus HTTP API bodies with simdjson's on-demand API (several times faster than
// QJsonDocument on large query_range answers). Pure functions of the bytes, safe on any thread; the client
// runs them off the GUI thread.
class PrometheusResponseParser {
public:
    // /api/v1/query and /api/v1/query_range: matrix, vector, scalar or string results.
    static PrometheusResponse parseQueryResponse(QByteArrayView body);
    // /api/v1/labels and /api/v1/label/<name>/values: a list of strings.
    static PrometheusResponse parseStringList(QByteArrayView body);
    // /api/v1/series: a list of label sets.
    static PrometheusResponse parseSeries(QByteArrayView body);
    // /api/v1/status/buildinfo: the version.
    static PrometheusResponse parseBuildInfo(QByteArrayView body);
};

} // namespace perfdash
