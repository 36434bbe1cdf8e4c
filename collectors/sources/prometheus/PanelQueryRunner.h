#pragma once

#include "DataSource.h"
#include "PanelQueryState.h"
#include "QueryTimeSettings.h"

#include <QHash>
#include <QTimer>
#include <functional>
#include <memory>
#include <unordered_map>

namespace perfdash {

class PrometheusClient;

// Runs the PromQL panels of one dashboard: on the refresh interval (or on demand) each panel's query goes
// out as a range query for the chart and an instant query for the scorecard, with a step of about one
// point per pixel column of the panel's plot (or the panel's override). Results come back as typed
// PanelQueryState values per panel index; a panel whose source is missing, starting or failing says so.
// Knows nothing of widgets: whoever shows the panels hands them in through setPanels().
class PanelQueryRunner : public DataSource {
    Q_OBJECT
public:
    using PanelList = std::function<QList<PanelQuery>()>;

    explicit PanelQueryRunner(QObject* parent = nullptr);
    ~PanelQueryRunner() override;

    // Read at every refresh, so panels added or resized since are queried as they are now.
    void setPanels(PanelList panels);

    // DataSource: start() refreshes now and then on the interval; stop() ends the interval.
    void start() override;
    void stop() override;
    // The dashboard's first Prometheus source: live with its version, connecting while it starts, or why
    // it failed. Tested on every refresh, but only while someone listens to statusChanged.
    ConnectionStatus status() const override { return m_status; }

    // The sources the panels name, in one step with their states: Prometheus ones get a client, except
    // those pending (their panels show the reason while the server starts) or failed (they show why).
    void setSources(const QList<DataSourceSpec>& sources, const QHash<QString, QString>& pending = {},
        const QHash<QString, QString>& failed = {});
    void setSourcePending(const QString& sourceId, const QString& reason);
    void setSourceFailed(const QString& sourceId, const QString& reason);
    PrometheusClient* client(const QString& sourceId) const;
    // Autocomplete lists from the source's server (label as in PromQLCompleter::Fetch); `done` is not called
    // when the source has no client yet or the server answers with an error.
    void lookupCompletions(
        const QString& sourceId, const QString& label, QObject* context, std::function<void(QStringList)> done) const;
    // The state last handed to panel `index` (Waiting until then).
    PanelQueryState lastState(int index) const { return m_shown.value(index); }

    void refreshNow();
    // Requests of the last refresh are still on their way.
    bool isBusy() const { return m_outstanding > 0; }
    QueryTimeSettings settings() const { return m_settings; }
    void setSettings(const QueryTimeSettings& settings);
    // What the dashboard variables ($job) stand for in the panels' queries (VariableResolver::substitutions);
    // Grafana's built-ins ($__rate_interval) are resolved from each request's range and step.
    void setVariableValues(const QHash<QString, QString>& values) { m_variableValues = values; }

Q_SIGNALS:
    // A panel's new state: an answer, or why there is none (pending source, empty range, no client).
    void panelStateChanged(int index, const perfdash::PanelQueryState& state);
    // Both queries of panel `index` answered (after its panelStateChanged): its scorecard value is current.
    void panelAnswered(int index);
    // After every panel of one refresh has its answer.
    void refreshed();

private:
    struct PanelRun {
        quint64 generation = 0;
        int pending = 0;
        QString asked; // the request last sent, to tell a refresh of it from a new question
        PanelQueryState state;
        QString instantError;
    };
    void finishPanel(int index, quint64 generation);
    // A heatmap's range answer as columns, with its quantile lines and scorecard value.
    static qsizetype histogramSeriesCount(const QList<QuerySeries>& series);
    static void showHeatmapAnswer(PanelQueryState& state, const QueryResult& result, const PanelSpec& spec);
    void showState(int index, const PanelQueryState& state);
    void updateSourceStatus();
    void setStatus(ConnectionState state, const QString& endpoint, const QString& detail);

    PanelList m_panels;
    QList<DataSourceSpec> m_sources;
    std::unordered_map<QString, std::unique_ptr<PrometheusClient>> m_clients;
    QHash<QString, QString> m_pending; // source id → why it is not usable yet
    QHash<QString, QString> m_failed;
    QHash<int, PanelRun> m_runs;
    QHash<int, PanelQueryState> m_shown;
    QueryTimeSettings m_settings;
    QHash<QString, QString> m_variableValues;
    QTimer m_timer;
    ConnectionStatus m_status;
    bool m_running = false;
    int m_outstanding = 0;
    // Never reset: an answer to a request made before m_runs was cleared cannot match a newer run.
    quint64 m_lastGeneration = 0;
};

} // namespace perfdash
