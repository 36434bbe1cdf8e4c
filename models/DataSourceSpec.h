#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace perfdash {

enum class DataSourceKind { Stream, Prometheus };

enum class DataSourceAuth { None, Basic, Bearer };

// Where a dashboard's data comes from. Holds a *reference* to a secret ("env:NAME" or
// "keychain:SERVICE/ACCOUNT"), never a password or token: specs are saved to files.
struct DataSourceSpec {
    QString id; // panels name their source by this
    DataSourceKind kind = DataSourceKind::Stream;
    QUrl url;
    DataSourceAuth auth = DataSourceAuth::None;
    QString username; // basic auth
    QString secretRef;
    QString caFile; // PEM; empty = system CAs
    bool skipTlsVerify = false; // an explicit, warned user choice; off by default
    int queryTimeoutMs = 30'000;
    // Fields of a dashboard file this version does not know, written back unchanged on save.
    QJsonObject unknownFields;

    bool operator==(const DataSourceSpec&) const = default;
};

// A stream source with this URL is the embedded demo, started in-process by the app.
inline QUrl embeddedDemoUrl()
{
    return QUrl(QStringLiteral("demo:"));
}

// A Prometheus source with this URL is the app's own Prometheus: the server given with --prometheus, or else
// the private local Prometheus the app starts to scrape the embedded demo. Lets a dashboard file work anywhere.
inline QUrl appPrometheusUrl()
{
    return QUrl(QStringLiteral("local:"));
}

} // namespace perfdash
