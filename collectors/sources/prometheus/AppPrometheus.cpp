#include "AppPrometheus.h"

#include "LocalPrometheus.h"

namespace perfdash {

namespace {
    constexpr int demoScrapeIntervalMs = 2'000;
}

AppPrometheus::AppPrometheus(DataSourceSpec source, QObject* parent)
    : QObject(parent)
    , m_source(std::move(source))
{
}

AppPrometheus::~AppPrometheus() = default;

void AppPrometheus::start(const QUrl& serverUrl, std::optional<quint16> demoMetricsPort)
{
    m_serverGiven = !serverUrl.isEmpty();
    startSource(serverUrl, demoMetricsPort);
    Q_EMIT changed();
}

void AppPrometheus::followDemoMetrics(quint16 demoMetricsPort)
{
    if (m_serverGiven)
        return;
    const QString target = QStringLiteral("127.0.0.1:%1").arg(demoMetricsPort);
    if (m_local && (m_source.url != m_local->url() || m_local->targets() == QStringList { target }))
        return; // the user chose another server, or it already scrapes this demo
    startSource(QUrl(), demoMetricsPort);
    Q_EMIT changed();
}

void AppPrometheus::setSource(const DataSourceSpec& source)
{
    const QString id = m_source.id;
    m_source = source;
    m_source.id = id;
    m_pending.clear();
    m_failure.clear();
    Q_EMIT changed();
}

LocalSourceResolution AppPrometheus::resolve(const DataSourceSpec& local) const
{
    LocalSourceResolution resolution { m_source, m_pending, m_failure };
    resolution.source.id = local.id;
    return resolution;
}

void AppPrometheus::startSource(const QUrl& serverUrl, std::optional<quint16> demoMetricsPort)
{
    m_pending.clear();
    m_failure.clear();
    if (!serverUrl.isEmpty()) {
        m_source.url = serverUrl;
        return;
    }
    if (!demoMetricsPort) {
        m_failure
            = QStringLiteral("no Prometheus server: start perfdash with --prometheus URL, or use \"Data source…\"");
        return;
    }
    m_local = std::make_unique<LocalPrometheus>();
    QString error;
    if (!m_local->start({ QStringLiteral("127.0.0.1:%1").arg(*demoMetricsPort) }, demoScrapeIntervalMs, &error)) {
        m_failure = QStringLiteral("cannot start a local Prometheus: ") + error;
        return;
    }
    m_source.url = m_local->url();
    m_pending = QStringLiteral("starting a local Prometheus at %1 (scraping the embedded demo every 2 s)…")
                    .arg(m_local->url().toString());
    connect(m_local.get(), &LocalPrometheus::ready, this, [this] {
        m_pending.clear();
        Q_EMIT changed();
    });
    connect(m_local.get(), &LocalPrometheus::failed, this, [this](const QString& reason) {
        m_pending.clear();
        m_failure = reason;
        Q_EMIT changed();
    });
}

} // namespace perfdash
