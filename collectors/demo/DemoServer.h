#pragma once

#include "DemoScenario.h"
#include "MetricsBasicAuth.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

class QWebSocket;
class QWebSocketServer;

namespace prometheus {
class Exposer;
class Registry;
}

namespace perfdash {

class DemoMetrics;
class DemoSystem;

struct DemoServerOptions {
    // 0 picks a free port; the chosen one is readable after start().
    quint16 streamPort = 0;
    quint16 metricsPort = 0;
    bool exposeMetrics = true;
    // Basic auth on /metrics; none by default (the embedded demo's local Prometheus scrapes it without).
    std::optional<MetricsBasicAuth> metricsAuth;
    DemoScenario scenario = DemoScenario::Baseline;
    int tickMs = 250;
    // Every Nth tick also sends one malformed message, to show error handling end to end; 0 = never.
    int malformedEvery = 0;
    std::uint64_t seed = 20261126;
    // After this long, "deploy" the optimized build: the scenario switches, the simulated process restarts
    // (process_start_time_seconds moves) and every stream client gets a "deploy" annotation; 0 = never.
    qint64 deployAfterMs = 0;
};

// The embedded demo: simulates the seed's system and serves it on 127.0.0.1 as a WebSocket stream
// (JSON v1 batches of the derived KPIs) and as Prometheus metrics (raw histograms and counters).
class DemoServer : public QObject {
    Q_OBJECT
public:
    explicit DemoServer(DemoServerOptions options, QObject* parent = nullptr);
    ~DemoServer() override;

    // Binds both endpoints and starts ticking. On failure returns false and says why in *error.
    bool start(QString* error);
    void stop();

    quint16 streamPort() const;
    quint16 metricsPort() const;
    QUrl streamUrl() const;
    QUrl metricsUrl() const;
    int clientCount() const { return int(m_clients.size()); }

    void setScenario(DemoScenario scenario);
    DemoScenario scenario() const;
    // The deploy of DemoServerOptions::deployAfterMs, now: to Optimized, with the restart and the annotation.
    void deploy();
    bool hasDeployed() const { return !m_deployMessage.isEmpty(); }
    // Sends bytes as a text message to every client as they are (tests and --malformed-every).
    void sendTextToAll(const QByteArray& message);

Q_SIGNALS:
    void clientCountChanged(int clients);
    void deployed();

private:
    void tick();
    void acceptClients();

    DemoServerOptions m_options;
    std::unique_ptr<DemoSystem> m_system;
    std::shared_ptr<prometheus::Registry> m_registry;
    std::unique_ptr<DemoMetrics> m_metrics;
    std::unique_ptr<prometheus::Exposer> m_exposer;
    QWebSocketServer* m_server = nullptr;
    QList<QWebSocket*> m_clients;
    QTimer m_tickTimer;
    QTimer m_deployTimer;
    // The deploy's annotation message, sent again to every client that connects after it.
    QByteArray m_deployMessage;
    qint64 m_lastTickMs = 0;
    quint64 m_ticks = 0;
    quint16 m_metricsPort = 0;
};

} // namespace perfdash
