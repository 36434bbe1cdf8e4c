#pragma once

#include "DataSourceSpec.h"

#include <QObject>
#include <QUrl>
#include <memory>
#include <optional>

namespace perfdash {

class LocalPrometheus;

// A dashboard's "local:" source resolved: the app's server under the dashboard's own source id, and
// why it is not usable yet (starting) or at all (failed); both reasons are empty when it is usable.
struct LocalSourceResolution {
    DataSourceSpec source;
    QString pendingReason;
    QString failureReason;
};

// The app's own Prometheus: the server given with --prometheus, or else a private local Prometheus
// (started here, stopped with this object) scraping the embedded demo's metrics every 2 s. The
// Prometheus page queries it, and dashboard sources named "local:" resolve to it (resolve()).
class AppPrometheus : public QObject {
    Q_OBJECT
public:
    // `source` names the server (its id and name); start() fills in where it is.
    explicit AppPrometheus(DataSourceSpec source, QObject* parent = nullptr);
    ~AppPrometheus() override;

    // serverUrl set: use that server. Otherwise start a local Prometheus scraping demoMetricsPort (if any).
    void start(const QUrl& serverUrl, std::optional<quint16> demoMetricsPort);
    // The embedded demo was (re)started on this metrics port, e.g. by opening another dashboard. A local
    // server follows it, unless a server was given or the user chose another source (setSource()).
    void followDemoMetrics(quint16 demoMetricsPort);
    // The user chose this server (the page's "Data source…"); its id stays this object's.
    void setSource(const DataSourceSpec& source);

    DataSourceSpec source() const { return m_source; }
    QString pendingReason() const { return m_pending; }
    QString failureReason() const { return m_failure; }
    LocalPrometheus* localPrometheus() const { return m_local.get(); }
    // `local` (a "local:" source) as this server, keeping local's id.
    LocalSourceResolution resolve(const DataSourceSpec& local) const;

Q_SIGNALS:
    // The URL or the state changed: whoever queries it re-reads source() and the reasons.
    void changed();

private:
    void startSource(const QUrl& serverUrl, std::optional<quint16> demoMetricsPort);

    DataSourceSpec m_source;
    QString m_pending;
    QString m_failure;
    std::unique_ptr<LocalPrometheus> m_local;
    bool m_serverGiven = false;
};

} // namespace perfdash
