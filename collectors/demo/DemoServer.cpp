#include "DemoServer.h"

#include "DemoMetrics.h"
#include "DemoSystem.h"
#include "JsonV1Writer.h"

#include <QDateTime>
#include <QWebSocket>
#include <QWebSocketServer>
#include <limits>
#include <utility>
#include <prometheus/exposer.h>
#include <prometheus/registry.h>

namespace perfdash {

DemoServer::DemoServer(DemoServerOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_system(std::make_unique<DemoSystem>(options.scenario, options.seed))
    , m_registry(std::make_shared<prometheus::Registry>())
    , m_metrics(std::make_unique<DemoMetrics>(m_registry))
    , m_tickTimer(this) // a child, so moveToThread() takes it along
    , m_deployTimer(this)
{
    m_tickTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_tickTimer, &QTimer::timeout, this, &DemoServer::tick);
    m_deployTimer.setSingleShot(true);
    m_deployTimer.setTimerType(Qt::PreciseTimer); // a coarse one may fire 5 % early: 6 s of a 2-minute delay
    connect(&m_deployTimer, &QTimer::timeout, this, &DemoServer::deploy);
}

DemoServer::~DemoServer()
{
    stop();
}

bool DemoServer::start(QString* error)
{
    if (m_options.exposeMetrics) {
        // Loopback only: a bare port would bind every interface (prometheus-cpp passes it to civetweb as is).
        const std::string bind = "127.0.0.1:" + std::to_string(m_options.metricsPort);
        try {
            m_exposer = std::make_unique<prometheus::Exposer>(bind);
        } catch (const std::exception& e) {
            *error = QStringLiteral("cannot serve metrics on 127.0.0.1:%1: %2")
                         .arg(m_options.metricsPort)
                         .arg(QString::fromLocal8Bit(e.what()));
            return false;
        }
        if (m_options.metricsAuth)
            m_options.metricsAuth->applyTo(*m_exposer);
        m_exposer->RegisterCollectable(m_registry);
        const auto ports = m_exposer->GetListeningPorts();
        m_metricsPort = ports.empty() ? 0 : ports.front();
    }

    m_server = new QWebSocketServer(QStringLiteral("perfdash-demo"), QWebSocketServer::NonSecureMode, this);
    if (!m_server->listen(QHostAddress::LocalHost, m_options.streamPort)) {
        *error = QStringLiteral("cannot serve the stream on 127.0.0.1:%1: %2")
                     .arg(m_options.streamPort)
                     .arg(m_server->errorString());
        m_exposer.reset();
        return false;
    }
    connect(m_server, &QWebSocketServer::newConnection, this, &DemoServer::acceptClients);

    m_lastTickMs = QDateTime::currentMSecsSinceEpoch();
    m_metrics->processStarted(double(m_lastTickMs) / 1000.0);
    m_tickTimer.start(m_options.tickMs);
    if (m_options.deployAfterMs > 0)
        m_deployTimer.start(int(std::min<qint64>(m_options.deployAfterMs, std::numeric_limits<int>::max())));
    return true;
}

void DemoServer::stop()
{
    m_tickTimer.stop();
    m_deployTimer.stop();
    for (QWebSocket* client : std::as_const(m_clients)) {
        client->disconnect(this);
        client->abort();
        client->deleteLater();
    }
    m_clients.clear();
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    m_exposer.reset();
}

quint16 DemoServer::streamPort() const
{
    return m_server ? m_server->serverPort() : 0;
}

quint16 DemoServer::metricsPort() const
{
    return m_metricsPort;
}

QUrl DemoServer::streamUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/stream").arg(streamPort()));
}

QUrl DemoServer::metricsUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(metricsPort()));
}

void DemoServer::setScenario(DemoScenario scenario)
{
    m_system->setScenario(scenario);
}

DemoScenario DemoServer::scenario() const { return m_system->scenario(); }

void DemoServer::deploy()
{
    m_deployTimer.stop();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Annotation annotation;
    annotation.timeMs = annotation.endMs = now;
    annotation.text = QStringLiteral("deploy: %1 → %2")
                          .arg(demoScenarioName(m_system->scenario()), demoScenarioName(DemoScenario::Optimized));
    annotation.tags = QStringList { QStringLiteral("deploy") };
    annotation.origin = Annotation::Origin::Stream;
    m_system->setScenario(DemoScenario::Optimized);
    // The new build is a new process: a Prometheus query on changes(process_start_time_seconds) finds it.
    m_metrics->processStarted(double(now) / 1000.0);
    m_deployMessage = JsonV1Writer::writeAnnotations({ annotation });
    sendTextToAll(m_deployMessage);
    Q_EMIT deployed();
}

void DemoServer::acceptClients()
{
    while (QWebSocket* client = m_server->nextPendingConnection()) {
        client->setParent(this);
        m_clients.append(client);
        // A client that connects after the deploy (a GUI opened late) still sees when it happened.
        if (hasDeployed())
            client->sendTextMessage(QString::fromUtf8(m_deployMessage));
        connect(client, &QWebSocket::disconnected, this, [this, client] {
            m_clients.removeOne(client);
            client->deleteLater();
            Q_EMIT clientCountChanged(clientCount());
        });
        Q_EMIT clientCountChanged(clientCount());
    }
}

void DemoServer::sendTextToAll(const QByteArray& message)
{
    const QString text = QString::fromUtf8(message);
    for (QWebSocket* client : std::as_const(m_clients))
        client->sendTextMessage(text);
}

void DemoServer::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const double interval = std::max<qint64>(1, now - m_lastTickMs) / 1000.0;
    m_lastTickMs = now;
    m_metrics->record(m_system->step(now, interval));
    ++m_ticks;
    if (m_clients.isEmpty())
        return;
    sendTextToAll(JsonV1Writer::write(m_system->derivedSamples(now), m_system->histograms(), now));
    if (m_options.malformedEvery > 0 && m_ticks % m_options.malformedEvery == 0)
        sendTextToAll(QByteArrayLiteral(R"({"v":1,"samples":[{"metric":"cache_hit_ratio","ts":"soon","value":0.7}]})"));
}

} // namespace perfdash
