#pragma once

#include "DataSourceSpec.h"

#include <QString>
#include <QUrl>

namespace perfdash {

// The rules a data source must follow, in one place: the dashboard file loader, the data source dialog,
// the command line and both collectors check with these, so no two of them can disagree on a source.
struct DataSourceProblem {
    QString field; // "url", "secretRef", "username": the dashboard file's field names
    QString reason;
};

enum class UrlPlaceholders {
    Allowed, // "demo:" for a stream, "local:" for Prometheus: what a dashboard file may name
    Refused, // a real server's address, as a collector needs
};

// Empty when `url` suits the kind: ws:// or wss:// for a stream, http:// or https:// for Prometheus, with
// a host, and without a password (secrets are never written where a URL goes). `text` is the URL as the
// user wrote it, quoted in the reason.
QString urlProblem(DataSourceKind kind, const QUrl& url, const QString& text, UrlPlaceholders placeholders);
// Empty when the secret reference, if any, parses (SecretReference) and the auth has what it needs.
DataSourceProblem authProblem(const DataSourceSpec& source);
// URL, then authentication; an empty field when the source is fine.
DataSourceProblem dataSourceProblem(const DataSourceSpec& source, UrlPlaceholders placeholders);

} // namespace perfdash
