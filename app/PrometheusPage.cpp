#include "PrometheusPage.h"

#include "DashboardView.h"
#include "DataSourceDialog.h"
#include "LocalPrometheus.h"
#include "MainWindow.h"
#include "PanelEditorDialog.h"
#include "PromQLCompleter.h"
#include "PrometheusClient.h"
#include "PrometheusDashboard.h"
#include "PrometheusPanelController.h"
#include "QueryTimeBar.h"

#include <QLineEdit>
#include <QMenu>
#include <QVBoxLayout>

namespace perfdash {

namespace {
    const QString sourceId = QStringLiteral("prometheus");
    constexpr int demoScrapeIntervalMs = 2'000;

    // The dialog's Test button: a throwaway client asks for the server's version.
    void testSource(const DataSourceSpec& spec, QObject* context, std::function<void(bool, QString)> done)
    {
        auto* client = new PrometheusClient(spec, {}, context);
        client->testConnection(context, [client, done = std::move(done)](const PrometheusResponse& response) {
            if (response.ok())
                done(true, QStringLiteral("connected: Prometheus API, version %1").arg(response.version));
            else
                done(false, response.message());
            client->deleteLater();
        });
    }
}

PrometheusPage::PrometheusPage(MainWindow* window, const TimeSeriesStore& store, QObject* parent)
    : QObject(parent)
    , m_spec(prometheusDashboard(sourceId, QUrl()))
{
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("prometheusPage"));
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_bar = new QueryTimeBar(page);
    QueryTimeSettings settings;
    settings.lastMs = m_spec.timeRangeMs;
    settings.refreshMs = m_spec.refreshIntervalMs;
    m_bar->setSettings(settings);
    m_view = new DashboardView(m_spec, store, page);
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);
    window->addPage(page, QStringLiteral("Prometheus"));
    m_controller = std::make_unique<PrometheusPanelController>(m_view, m_bar);
    connect(m_bar, &QueryTimeBar::editSourceRequested, this, &PrometheusPage::editSource);
    connect(m_view, &DashboardView::panelContextMenuRequested, this, &PrometheusPage::editPanel);
}

PrometheusPage::~PrometheusPage()
{
    m_controller.reset(); // its requests end before the local server does
    m_local.reset();
}

DataSourceSpec PrometheusPage::source() const
{
    return m_spec.sources.value(0);
}

QString PrometheusPage::sourcePendingReason() const
{
    return m_controller->pendingReason(sourceId);
}

QString PrometheusPage::sourceFailureReason() const
{
    return m_controller->failureReason(sourceId);
}

void PrometheusPage::start(const QUrl& serverUrl, std::optional<quint16> demoMetricsPort)
{
    m_serverGiven = !serverUrl.isEmpty();
    startSource(serverUrl, demoMetricsPort);
    Q_EMIT sourceChanged();
}

void PrometheusPage::followDemoMetrics(quint16 demoMetricsPort)
{
    if (m_serverGiven)
        return;
    const QString target = QStringLiteral("127.0.0.1:%1").arg(demoMetricsPort);
    if (m_local && (m_spec.sources[0].url != m_local->url() || m_local->targets() == QStringList { target }))
        return; // the user chose another server, or it already scrapes this demo
    startSource(QUrl(), demoMetricsPort);
    Q_EMIT sourceChanged();
}

void PrometheusPage::startSource(const QUrl& serverUrl, std::optional<quint16> demoMetricsPort)
{
    if (!serverUrl.isEmpty()) {
        m_spec.sources[0].url = serverUrl;
        m_controller->setSources(m_spec.sources);
        return;
    }
    if (!demoMetricsPort) {
        m_controller->setSources(m_spec.sources);
        m_controller->setSourceFailed(sourceId,
            QStringLiteral("no Prometheus server: start perfdash with --prometheus URL, or use \"Data source…\""));
        return;
    }
    m_local = std::make_unique<LocalPrometheus>();
    QString error;
    if (!m_local->start({ QStringLiteral("127.0.0.1:%1").arg(*demoMetricsPort) }, demoScrapeIntervalMs, &error)) {
        m_controller->setSources(m_spec.sources);
        m_controller->setSourceFailed(sourceId, QStringLiteral("cannot start a local Prometheus: ") + error);
        return;
    }
    m_spec.sources[0].url = m_local->url();
    m_controller->setSources(m_spec.sources);
    m_controller->setSourcePending(sourceId,
        QStringLiteral("starting a local Prometheus at %1 (scraping the embedded demo every 2 s)…")
            .arg(m_local->url().toString()));
    connect(m_local.get(), &LocalPrometheus::ready, this, [this] {
        m_controller->setSources(m_spec.sources);
        Q_EMIT sourceChanged();
    });
    connect(m_local.get(), &LocalPrometheus::failed, this, [this](const QString& reason) {
        m_controller->setSourceFailed(sourceId, reason);
        Q_EMIT sourceChanged();
    });
}

void PrometheusPage::editPanel(int index, const QPoint& globalPosition)
{
    QMenu menu;
    QAction* edit = menu.addAction(QStringLiteral("Edit PromQL panel…"));
    QAction* refresh = menu.addAction(QStringLiteral("Refresh now"));
    QAction* chosen = menu.exec(globalPosition);
    if (chosen == refresh)
        m_controller->refreshNow();
    if (chosen != edit || index < 0 || index >= m_spec.panels.size())
        return;
    PanelEditorDialog dialog(m_spec.panels[index], m_spec.sources, m_view);
    new PromQLCompleter(dialog.queryEdit(), [this](const QString& label, QObject* context, auto done) {
        m_controller->lookupCompletions(sourceId, label, context, std::move(done));
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_spec.panels[index] = dialog.panel();
    m_view->setDashboard(m_spec);
    m_controller->refreshNow();
}

void PrometheusPage::editSource()
{
    DataSourceDialog dialog(m_spec.sources.value(0), testSource, m_view);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_spec.sources[0] = dialog.source();
    m_controller->setSources(m_spec.sources);
    Q_EMIT sourceChanged();
}

} // namespace perfdash
