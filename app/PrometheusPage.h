#pragma once

#include "DataSourceDialog.h"

#include <QObject>
#include <memory>

namespace perfdash {

class AppPrometheus;
class LocalPrometheus;
class MainWindow;
class PanelQueryRunner;
class PrometheusPageWidget;
class TimeSeriesStore;

// The data source dialog's keychain buttons on QtKeychain (KeychainSecrets).
DataSourceDialog::Keychain keychainAccess();

// Wires the "Prometheus" tab: the page widget (the five seed targets as PromQL panels), a query runner for
// its panels, and the app's own Prometheus they query (--prometheus, or a local one scraping the demo).
class PrometheusPage : public QObject {
    Q_OBJECT
public:
    PrometheusPage(MainWindow* window, const TimeSeriesStore& store, QObject* parent = nullptr);
    ~PrometheusPage() override;

    AppPrometheus* server() const { return m_server.get(); }
    PrometheusPageWidget* widget() const { return m_widget; }
    LocalPrometheus* localPrometheus() const;

private:
    // The runner queries what the server is now: its URL, or why there is none yet.
    void applyServer();

    PrometheusPageWidget* m_widget = nullptr; // owned by the window
    std::unique_ptr<PanelQueryRunner> m_queries;
    std::unique_ptr<AppPrometheus> m_server;
};

} // namespace perfdash
