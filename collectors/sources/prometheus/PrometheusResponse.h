#pragma once

#include "QueryResult.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace perfdash {

// What one Prometheus HTTP API request came to. Success fills the part matching the endpoint; ServerError
// carries the server's errorType and error verbatim; Malformed says what was wrong and where
// ("data.result[2].values[7][1]: ...") or that the body is not a Prometheus API answer at all;
// RequestFailed holds a user-facing reason (unreachable, TLS, 401/403, timeout, too large, wrong result type);
// Unchartable is a well-formed answer a chart has no place for (a string result), with the reason.
struct PrometheusResponse {
    enum class Kind { Success, ServerError, Malformed, RequestFailed, Unchartable };
    Kind kind = Kind::Malformed;
    QueryResult result; // query and query_range
    QStringList strings; // label names and label values
    QList<QMap<QString, QString>> labelSets; // series
    QString version; // status/buildinfo
    QString errorType;
    QString error;

    int httpStatus = 0;

    bool ok() const { return kind == Kind::Success; }
    // One line for the user: empty on success.
    QString message() const
    {
        switch (kind) {
        case Kind::Success:
            return {};
        case Kind::ServerError:
            return QStringLiteral("Prometheus error %1%2: %3")
                .arg(errorType.isEmpty() ? QStringLiteral("(no type)") : errorType,
                    httpStatus > 0 ? QStringLiteral(" (HTTP %1)").arg(httpStatus) : QString(), error);
        case Kind::Malformed:
            return QStringLiteral("not a Prometheus API answer: ") + error;
        case Kind::RequestFailed:
        case Kind::Unchartable:
            return error;
        }
        return error;
    }
};

} // namespace perfdash
