#include "PrometheusPage.h"

#include "AppPrometheus.h"
#include "KeychainSecrets.h"
#include "MainWindow.h"
#include "PanelQueryBinding.h"
#include "PanelQueryRunner.h"
#include "PrometheusClient.h"
#include "PrometheusDashboard.h"
#include "PrometheusPageWidget.h"

namespace perfdash {

namespace {
    const QString sourceId = QStringLiteral("prometheus");

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

DataSourceDialog::Keychain keychainAccess()
{
    return [](const QString& service, const QString& account, const std::optional<QString>& secret, QObject* context,
               DataSourceDialog::KeychainDone done) {
        const auto finish = [done = std::move(done)](const KeychainOutcome& outcome) {
            done(outcome.ok, outcome.noKeychain, outcome.message);
        };
        if (secret)
            storeKeychainSecret(service, account, *secret, context, finish);
        else
            removeKeychainSecret(service, account, context, finish);
    };
}

PrometheusPage::PrometheusPage(MainWindow* window, const TimeSeriesStore& store, QObject* parent)
    : QObject(parent)
    , m_queries(std::make_unique<PanelQueryRunner>())
{
    const DashboardSpec spec = prometheusDashboard(sourceId, QUrl());
    m_server = std::make_unique<AppPrometheus>(spec.sources.value(0));
    m_widget
        = new PrometheusPageWidget(spec, store, testSource, [this](const QString& label, QObject* context, auto done) {
              m_queries->lookupCompletions(sourceId, label, context, std::move(done));
          });
    window->addPage(m_widget, QStringLiteral("Prometheus"));
    m_widget->setKeychain(keychainAccess());
    bindPanelQueries(m_queries.get(), m_widget->view(), m_widget->bar());
    m_queries->start();
    connect(m_widget, &PrometheusPageWidget::refreshRequested, m_queries.get(), &PanelQueryRunner::refreshNow);
    connect(m_widget, &PrometheusPageWidget::panelsEdited, m_queries.get(), &PanelQueryRunner::refreshNow);
    connect(m_widget, &PrometheusPageWidget::sourceEdited, m_server.get(), &AppPrometheus::setSource);
    connect(m_server.get(), &AppPrometheus::changed, this, &PrometheusPage::applyServer);
}

PrometheusPage::~PrometheusPage()
{
    m_queries.reset(); // its requests end before the local server does
    m_server.reset();
}

LocalPrometheus* PrometheusPage::localPrometheus() const { return m_server->localPrometheus(); }

void PrometheusPage::applyServer()
{
    const DataSourceSpec source = m_server->source();
    QHash<QString, QString> pending;
    QHash<QString, QString> failed;
    if (!m_server->pendingReason().isEmpty())
        pending.insert(source.id, m_server->pendingReason());
    else if (!m_server->failureReason().isEmpty())
        failed.insert(source.id, m_server->failureReason());
    m_widget->setSource(source);
    m_queries->setSources({ source }, pending, failed);
}

} // namespace perfdash
