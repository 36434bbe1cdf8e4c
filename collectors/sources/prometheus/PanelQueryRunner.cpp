#include "PanelQueryRunner.h"

#include "HeatmapSummary.h"
#include "PrometheusClient.h"
#include "QueryExpansion.h"
#include "ScorecardReduction.h"

#include <QDateTime>
#include <QMetaMethod>
#include <algorithm>
#include <cmath>

namespace perfdash {

PanelQueryRunner::PanelQueryRunner(QObject* parent)
    : DataSource(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &PanelQueryRunner::refreshNow);
}

PanelQueryRunner::~PanelQueryRunner() = default;

void PanelQueryRunner::setPanels(PanelList panels) { m_panels = std::move(panels); }

void PanelQueryRunner::start()
{
    m_running = true;
    setSettings(m_settings);
}

void PanelQueryRunner::stop()
{
    m_running = false;
    m_timer.stop();
}

void PanelQueryRunner::showState(int index, const PanelQueryState& state)
{
    m_shown.insert(index, state);
    Q_EMIT panelStateChanged(index, state);
}

void PanelQueryRunner::setSources(
    const QList<DataSourceSpec>& sources, const QHash<QString, QString>& pending, const QHash<QString, QString>& failed)
{
    // Start over: answers to earlier refreshes match no run now (m_lastGeneration only grows).
    m_runs.clear();
    m_shown.clear(); // the panels may be new ones (another dashboard)
    m_outstanding = 0;
    m_pending = pending;
    m_failed = failed;
    // A client whose settings did not change is kept, so requests it is answering (the panel editor's
    // completions) are not lost when another source changes, e.g. the app's own Prometheus comes up.
    // A pending or failed source gets none: it would only send a refresh to a server that is not there.
    std::unordered_map<QString, std::unique_ptr<PrometheusClient>> clients;
    for (const DataSourceSpec& source : sources) {
        if (source.kind != DataSourceKind::Prometheus || pending.contains(source.id) || failed.contains(source.id))
            continue;
        const auto kept = m_clients.find(source.id);
        const bool unchanged = kept != m_clients.end() && kept->second->spec() == source;
        clients[source.id] = unchanged ? std::move(kept->second) : std::make_unique<PrometheusClient>(source);
    }
    m_clients = std::move(clients);
    m_sources = sources;
    refreshNow();
}

void PanelQueryRunner::setSourcePending(const QString& sourceId, const QString& reason)
{
    // Requests of the clients replaced here never answer: forget them.
    m_runs.clear();
    m_outstanding = 0;
    m_pending.insert(sourceId, reason);
    m_clients.erase(sourceId);
    refreshNow();
}

void PanelQueryRunner::setSourceFailed(const QString& sourceId, const QString& reason)
{
    // Requests of the clients replaced here never answer: forget them.
    m_runs.clear();
    m_outstanding = 0;
    m_pending.remove(sourceId);
    m_failed.insert(sourceId, reason);
    m_clients.erase(sourceId);
    refreshNow();
}

PrometheusClient* PanelQueryRunner::client(const QString& sourceId) const
{
    const auto it = m_clients.find(sourceId);
    return it == m_clients.end() ? nullptr : it->second.get();
}

void PanelQueryRunner::lookupCompletions(
    const QString& sourceId, const QString& label, QObject* context, std::function<void(QStringList)> done) const
{
    PrometheusClient* source = client(sourceId);
    if (!source)
        return;
    const auto answer = [done = std::move(done)](const PrometheusResponse& response) {
        if (response.ok())
            done(response.strings);
    };
    if (label.isEmpty())
        source->labelNames(context, answer);
    else
        source->labelValues(label, context, answer);
}

void PanelQueryRunner::setSettings(const QueryTimeSettings& settings)
{
    m_settings = settings;
    if (m_running && settings.refreshMs > 0)
        m_timer.start(settings.refreshMs);
    else
        m_timer.stop();
    refreshNow();
}

void PanelQueryRunner::refreshNow()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = m_settings.rangeFromMs(now);
    const qint64 to = m_settings.rangeToMs(now);
    const QList<PanelQuery> panels = m_panels ? m_panels() : QList<PanelQuery>();
    // Answers read the panel as it is when they arrive (its legend format may have been edited meanwhile).
    const auto panelAt = [this](int index) { return m_panels ? m_panels().value(index) : PanelQuery(); };
    for (int index = 0; index < panels.size(); ++index) {
        const PanelSpec& spec = panels[index].spec;
        if (spec.query.isEmpty())
            continue;
        PanelRun& run = m_runs[index];
        PanelQueryState state;
        state.fromMs = from;
        state.toMs = to;
        state.utc = m_settings.utc;
        if (to <= from) {
            state.phase = PanelQueryState::Phase::Failed;
            state.message = QStringLiteral("the time range is empty: \"to\" must be after \"from\"");
            showState(index, state);
            continue;
        }
        if (m_pending.contains(spec.sourceId)) {
            state.message = m_pending.value(spec.sourceId);
            showState(index, state);
            continue;
        }
        PrometheusClient* client = this->client(spec.sourceId);
        if (!client) {
            state.phase = PanelQueryState::Phase::Failed;
            state.message = m_failed.value(spec.sourceId,
                QStringLiteral("no Prometheus data source \"%1\" is configured: add one with \"Data source…\"")
                    .arg(spec.sourceId));
            showState(index, state);
            continue;
        }
        const double step = panelStepSeconds(panels[index], to - from);
        const QString query = expandQuery(spec.query, { m_variableValues, to - from, step });
        // What the answer depends on: a live window's range moves on every refresh and is not part of it.
        const QString asked = QStringLiteral("%1\n%2\n%3\n%4")
                                  .arg(query, spec.isHeatmap() ? QStringLiteral("heatmap") : QString())
                                  .arg(step)
                                  .arg(m_settings.absolute ? QStringLiteral("%1..%2").arg(from).arg(to)
                                                           : QStringLiteral("last %1").arg(m_settings.lastMs));
        const bool answering = run.pending > 0;
        // The same question still on its way: a slow server does not pile requests up. Another one (a
        // variable chosen, a zoom) is asked now; the earlier answer is dropped by its generation.
        if (answering && run.asked == asked)
            continue;
        run.asked = asked;
        state.stepMs = step * 1000.0;
        state.phase = PanelQueryState::Phase::Loaded;
        run.state = state;
        run.instantError.clear();
        // A heatmap's scorecard comes from its newest column; an instant query of bucket rates adds nothing.
        run.pending = spec.isHeatmap() ? 1 : 2;
        const quint64 generation = run.generation = ++m_lastGeneration;
        if (!answering) // a superseded request was counted already and never finishes
            ++m_outstanding;
        client->queryRange(
            query, from, to, step, this, [this, index, generation, panelAt](const PrometheusResponse& response) {
                PanelRun& current = m_runs[index];
                if (current.generation != generation)
                    return;
                if (!response.ok()) {
                    current.state.phase = PanelQueryState::Phase::Failed;
                    current.state.message = response.message();
                } else if (const PanelSpec panel = panelAt(index).spec; panel.isHeatmap()) {
                    showHeatmapAnswer(current.state, response.result, panel);
                } else {
                    current.state.lines = panelLinesFor(response.result.series, panel.legendFormat);
                    current.state.notes << response.result.warnings << response.result.infos;
                    if (const qsizetype native = histogramSeriesCount(response.result.series); native > 0)
                        current.state.notes << QStringLiteral("%1 series of native histograms not drawn: a line "
                                                              "chart draws floats; make this a heatmap panel, or "
                                                              "query histogram_quantile()")
                                                   .arg(native);
                }
                finishPanel(index, generation);
            });
        if (spec.isHeatmap())
            continue;
        client->queryInstant(query, to, this, [this, index, generation, panelAt](const PrometheusResponse& response) {
            PanelRun& current = m_runs[index];
            if (current.generation != generation)
                return;
            if (!response.ok())
                current.instantError = response.message();
            else
                current.state.instantValue
                    = worstLatestValue(response.result.series, panelAt(index).spec.target.direction);
            finishPanel(index, generation);
        });
    }
    updateSourceStatus();
}

qsizetype PanelQueryRunner::histogramSeriesCount(const QList<QuerySeries>& series)
{
    return std::count_if(
        series.cbegin(), series.cend(), [](const QuerySeries& one) { return !one.histograms.isEmpty(); });
}

void PanelQueryRunner::showHeatmapAnswer(PanelQueryState& state, const QueryResult& result, const PanelSpec& spec)
{
    state.histogram = framesFromQuerySeries(result.series, qint64(state.stepMs));
    state.lines = heatmapLines(state.histogram, spec);
    const std::optional<HeatmapSummary> summary = latestHeatmapSummary(state.histogram, spec);
    state.instantValue = summary ? summary->objectiveQuantile : std::nan("");
    state.notes << result.warnings << result.infos << state.histogram.problems;
    if (!result.series.isEmpty() && state.histogram.columns.isEmpty())
        state.notes << QStringLiteral("no histogram in the answer: a heatmap needs bucket series by le "
                                      "(sum by (le) (rate(x_bucket[1m]))) or native histograms (rate(x[1m]))");
}

void PanelQueryRunner::finishPanel(int index, quint64 generation)
{
    PanelRun& run = m_runs[index];
    if (run.generation != generation || --run.pending > 0)
        return;
    if (!run.instantError.isEmpty() && run.state.phase != PanelQueryState::Phase::Failed)
        run.state.notes << QStringLiteral("scorecard: ") + run.instantError;
    showState(index, run.state);
    Q_EMIT panelAnswered(index);
    if (--m_outstanding == 0)
        Q_EMIT refreshed();
}

void PanelQueryRunner::setStatus(ConnectionState state, const QString& endpoint, const QString& detail)
{
    m_status.state = state;
    m_status.endpoint = endpoint;
    m_status.detail = detail;
    Q_EMIT statusChanged(m_status);
}

void PanelQueryRunner::updateSourceStatus()
{
    // Testing the connection costs a request per refresh: only for someone who shows the result.
    if (!isSignalConnected(QMetaMethod::fromSignal(&DataSource::statusChanged)))
        return;
    for (const DataSourceSpec& source : std::as_const(m_sources)) {
        if (source.kind != DataSourceKind::Prometheus)
            continue;
        const QString where = source.url.toDisplayString(QUrl::RemoveUserInfo);
        if (m_pending.contains(source.id)) {
            setStatus(ConnectionState::Connecting, where, m_pending.value(source.id));
        } else if (m_failed.contains(source.id)) {
            setStatus(ConnectionState::Failed, where, m_failed.value(source.id));
        } else if (PrometheusClient* client = this->client(source.id)) {
            client->testConnection(this, [this, where](const PrometheusResponse& response) {
                if (response.ok())
                    setStatus(ConnectionState::Live, where,
                        QStringLiteral("Prometheus %1 at %2").arg(response.version, where));
                else
                    setStatus(ConnectionState::Failed, where, response.message());
            });
        }
        return; // the dashboard's first Prometheus source stands for them all
    }
    setStatus(
        ConnectionState::Failed, QString(), QStringLiteral("no Prometheus data source: add one with \"Data source…\""));
}

} // namespace perfdash
