#pragma once

#include "PanelQueryState.h"
#include "PanelSpec.h"
#include "QueryTimeSettings.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

namespace perfdash {

class ChartPanel;
class DashboardView;
class PrometheusClient;
class QueryTimeBar;

// Runs the PromQL panels of one dashboard view: on the bar's refresh interval (or on demand) each panel's
// query goes out as a range query for the chart and an instant query for the scorecard, with a step of
// about one point per pixel column (or the panel's override). Answers arrive as PanelQueryState values;
// a panel whose source is missing, starting or failing says so.
class PrometheusPanelController : public QObject {
    Q_OBJECT
public:
    PrometheusPanelController(DashboardView* view, QueryTimeBar* bar, QObject* parent = nullptr);
    // Over panels that belong to no view (a headless snapshot's); they must outlive this controller.
    explicit PrometheusPanelController(const QList<ChartPanel*>& panels, QObject* parent = nullptr);
    ~PrometheusPanelController() override;

    // The sources the panels name; Prometheus ones get a client. Pending ids show `reason` while they start.
    void setSources(const QList<DataSourceSpec>& sources);
    void setSourcePending(const QString& sourceId, const QString& reason);
    void setSourceFailed(const QString& sourceId, const QString& reason);
    QList<DataSourceSpec> sources() const { return m_sources; }
    PrometheusClient* client(const QString& sourceId) const;
    // Autocomplete lists from the source's server (label as in PromQLCompleter::Fetch); `done` is not called
    // when the source has no client yet or the server answers with an error.
    void lookupCompletions(
        const QString& sourceId, const QString& label, QObject* context, std::function<void(QStringList)> done) const;
    // Why a source is not usable (yet): empty when it is.
    QString pendingReason(const QString& sourceId) const { return m_pending.value(sourceId); }
    QString failureReason(const QString& sourceId) const { return m_failed.value(sourceId); }
    // The state last handed to panel `index` by a finished refresh (Waiting until then).
    PanelQueryState lastState(int index) const { return m_shown.value(index); }

    void refreshNow();
    // Requests of the last refresh are still on their way.
    bool isBusy() const { return m_outstanding > 0; }
    QueryTimeSettings settings() const { return m_settings; }
    void setSettings(const QueryTimeSettings& settings);

Q_SIGNALS:
    // After every panel of one refresh has its answer.
    void refreshed();

private:
    struct PanelRun {
        quint64 generation = 0;
        int pending = 0;
        PanelQueryState state;
        QString instantError;
    };
    void finishPanel(int index, quint64 generation);
    void showState(ChartPanel* panel, int index, const PanelQueryState& state);
    QList<ChartPanel*> panels() const;
    void updateSourceStatus();

    DashboardView* m_view = nullptr;
    QList<ChartPanel*> m_fixedPanels; // without a view
    QueryTimeBar* m_bar = nullptr;
    QList<DataSourceSpec> m_sources;
    std::unordered_map<QString, std::unique_ptr<PrometheusClient>> m_clients;
    QHash<QString, QString> m_pending; // source id → why it is not usable yet
    QHash<QString, QString> m_failed;
    QHash<int, PanelRun> m_runs;
    QHash<int, PanelQueryState> m_shown;
    QueryTimeSettings m_settings;
    QTimer m_timer;
    int m_outstanding = 0;
    // Never reset: an answer to a request made before m_runs was cleared cannot match a newer run.
    quint64 m_lastGeneration = 0;
};

} // namespace perfdash
