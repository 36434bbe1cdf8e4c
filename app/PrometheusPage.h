#pragma once

#include "PanelSpec.h"

#include <QObject>
#include <QUrl>
#include <memory>
#include <optional>

namespace perfdash {

class DashboardView;
class LocalPrometheus;
class MainWindow;
class PrometheusPanelController;
class QueryTimeBar;
class TimeSeriesStore;

// The "Prometheus" page: the five seed targets as PromQL panels, with time range, refresh and data source
// controls. Its data source is the server given with --prometheus, or else a private local Prometheus
// (started here, stopped with this object) scraping the embedded demo's metrics every 2 s.
class PrometheusPage : public QObject {
    Q_OBJECT
public:
    PrometheusPage(MainWindow* window, const TimeSeriesStore& store, QObject* parent = nullptr);
    ~PrometheusPage() override;

    // serverUrl set: use that server. Otherwise start a local Prometheus scraping demoMetricsPort (if any).
    void start(const QUrl& serverUrl, std::optional<quint16> demoMetricsPort);
    // The embedded demo was (re)started on this metrics port, e.g. by opening another dashboard. The app's
    // own Prometheus follows it, unless a server was given or the user chose another data source.
    void followDemoMetrics(quint16 demoMetricsPort);

    DashboardView* view() const { return m_view; }
    QueryTimeBar* bar() const { return m_bar; }
    PrometheusPanelController* controller() const { return m_controller.get(); }
    LocalPrometheus* localPrometheus() const { return m_local.get(); }

    // The page's data source: its URL (the local one once started), and why it is not usable yet (starting)
    // or at all (failed); both empty when it is usable.
    DataSourceSpec source() const;
    QString sourcePendingReason() const;
    QString sourceFailureReason() const;

Q_SIGNALS:
    // The source's URL or state changed: dashboards with a "local:" source follow it.
    void sourceChanged();

private:
    void startSource(const QUrl& serverUrl, std::optional<quint16> demoMetricsPort);
    void editSource();
    // Right click on a panel: edit its PromQL (with autocomplete from the data source).
    void editPanel(int index, const QPoint& globalPosition);

    DashboardSpec m_spec;
    QueryTimeBar* m_bar = nullptr;
    DashboardView* m_view = nullptr;
    std::unique_ptr<PrometheusPanelController> m_controller;
    std::unique_ptr<LocalPrometheus> m_local;
    bool m_serverGiven = false;
};

} // namespace perfdash
