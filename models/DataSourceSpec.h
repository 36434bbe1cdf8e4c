#pragma once

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

    bool operator==(const DataSourceSpec&) const = default;
};

} // namespace perfdash
