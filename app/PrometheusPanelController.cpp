#include "PrometheusPanelController.h"

#include "ChartPanel.h"
#include "DashboardView.h"
#include "PrometheusClient.h"
#include "QueryTimeBar.h"
#include "SeriesSelection.h"
#include "TargetTableModel.h"

#include <QDateTime>
#include <QSet>
#include <cmath>

namespace perfdash {

PrometheusPanelController::PrometheusPanelController(DashboardView* view, QueryTimeBar* bar, QObject* parent)
    : QObject(parent)
    , m_view(view)
    , m_bar(bar)
{
    connect(&m_timer, &QTimer::timeout, this, &PrometheusPanelController::refreshNow);
    if (m_bar) {
        m_settings = m_bar->settings();
        connect(m_bar, &QueryTimeBar::settingsChanged, this, &PrometheusPanelController::setSettings);
        connect(m_bar, &QueryTimeBar::refreshRequested, this, &PrometheusPanelController::refreshNow);
    }
    setSettings(m_settings);
}

PrometheusPanelController::PrometheusPanelController(const QList<ChartPanel*>& panels, QObject* parent)
    : QObject(parent)
    , m_fixedPanels(panels)
{
    connect(&m_timer, &QTimer::timeout, this, &PrometheusPanelController::refreshNow);
    setSettings(m_settings);
}

PrometheusPanelController::~PrometheusPanelController() = default;

QList<ChartPanel*> PrometheusPanelController::panels() const
{
    return m_view ? m_view->panels() : m_fixedPanels;
}

void PrometheusPanelController::showState(ChartPanel* panel, int index, const PanelQueryState& state)
{
    m_shown.insert(index, state);
    panel->setQueryState(state);
}

void PrometheusPanelController::setSources(const QList<DataSourceSpec>& sources)
{
    // Start over: answers to earlier refreshes match no run now (m_lastGeneration only grows).
    m_runs.clear();
    m_shown.clear(); // the panels may be new ones (another dashboard)
    m_outstanding = 0;
    m_failed.clear();
    m_pending.clear();
    // A client whose settings did not change is kept, so requests it is answering (the panel editor's
    // completions) are not lost when another source changes, e.g. the app's own Prometheus comes up.
    std::unordered_map<QString, std::unique_ptr<PrometheusClient>> clients;
    for (const DataSourceSpec& source : sources) {
        if (source.kind != DataSourceKind::Prometheus)
            continue;
        const auto kept = m_clients.find(source.id);
        const bool unchanged = kept != m_clients.end() && kept->second->spec() == source;
        clients[source.id] = unchanged ? std::move(kept->second) : std::make_unique<PrometheusClient>(source);
    }
    m_clients = std::move(clients);
    m_sources = sources;
    refreshNow();
}

void PrometheusPanelController::setSourcePending(const QString& sourceId, const QString& reason)
{
    // Requests of the clients replaced here never answer: forget them.
    m_runs.clear();
    m_outstanding = 0;
    m_pending.insert(sourceId, reason);
    m_clients.erase(sourceId);
    refreshNow();
}

void PrometheusPanelController::setSourceFailed(const QString& sourceId, const QString& reason)
{
    // Requests of the clients replaced here never answer: forget them.
    m_runs.clear();
    m_outstanding = 0;
    m_pending.remove(sourceId);
    m_failed.insert(sourceId, reason);
    m_clients.erase(sourceId);
    refreshNow();
}

PrometheusClient* PrometheusPanelController::client(const QString& sourceId) const
{
    const auto it = m_clients.find(sourceId);
    return it == m_clients.end() ? nullptr : it->second.get();
}

void PrometheusPanelController::lookupCompletions(
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

void PrometheusPanelController::setSettings(const QueryTimeSettings& settings)
{
    m_settings = settings;
    if (settings.refreshMs > 0)
        m_timer.start(settings.refreshMs);
    else
        m_timer.stop();
    refreshNow();
}

void PrometheusPanelController::refreshNow()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = m_settings.rangeFromMs(now);
    const qint64 to = m_settings.rangeToMs(now);
    const QList<ChartPanel*> panels = this->panels();
    for (int index = 0; index < panels.size(); ++index) {
        ChartPanel* panel = panels[index];
        const PanelSpec& spec = panel->spec();
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
            showState(panel, index, state);
            continue;
        }
        if (m_pending.contains(spec.sourceId)) {
            state.message = m_pending.value(spec.sourceId);
            showState(panel, index, state);
            continue;
        }
        PrometheusClient* client = this->client(spec.sourceId);
        if (!client) {
            state.phase = PanelQueryState::Phase::Failed;
            state.message = m_failed.value(spec.sourceId,
                QStringLiteral("no Prometheus data source \"%1\" is configured: add one with \"Data source…\"")
                    .arg(spec.sourceId));
            showState(panel, index, state);
            continue;
        }
        if (run.pending > 0)
            continue; // the last refresh's answer is still on its way; a slow server does not pile requests up
        // The plot area is the panel less its axes: about one point per pixel column of it.
        const double step = queryStepSeconds(to - from, std::max(50, panel->width() - 80), spec.stepSeconds);
        state.stepMs = step * 1000.0;
        state.phase = PanelQueryState::Phase::Loaded;
        run.state = state;
        run.instantError.clear();
        run.pending = 2;
        const quint64 generation = run.generation = ++m_lastGeneration;
        ++m_outstanding;
        client->queryRange(
            spec.query, from, to, step, this, [this, index, generation](const PrometheusResponse& response) {
                PanelRun& current = m_runs[index];
                if (current.generation != generation)
                    return;
                if (!response.ok()) {
                    current.state.phase = PanelQueryState::Phase::Failed;
                    current.state.message = response.message();
                } else {
                    const ChartPanel* panel = this->panels().value(index);
                    const QString legendFormat = panel ? panel->spec().legendFormat : QString();
                    QSet<QString> names;
                    for (const QuerySeries& series : response.result.series) {
                        QString name = legendNameFor(series.labels, legendFormat);
                        for (int copy = 2; names.contains(name); ++copy)
                            name = legendNameFor(series.labels, legendFormat) + QStringLiteral(" (%1)").arg(copy);
                        names.insert(name);
                        current.state.lines.append({ name, series.points });
                    }
                    current.state.notes << response.result.warnings << response.result.infos;
                }
                finishPanel(index, generation);
            });
        client->queryInstant(spec.query, to, this, [this, index, generation](const PrometheusResponse& response) {
            PanelRun& current = m_runs[index];
            if (current.generation != generation)
                return;
            if (!response.ok()) {
                current.instantError = response.message();
            } else {
                const ChartPanel* panel = this->panels().value(index);
                const Direction direction = panel ? panel->spec().target.direction : Direction::LowerIsBetter;
                double worst = std::nan("");
                for (const QuerySeries& series : response.result.series) {
                    for (const QPointF& point : series.points)
                        worst = worseOf(worst, point.y(), direction);
                }
                current.state.instantValue = worst;
            }
            finishPanel(index, generation);
        });
    }
    updateSourceStatus();
}

void PrometheusPanelController::finishPanel(int index, quint64 generation)
{
    PanelRun& run = m_runs[index];
    if (run.generation != generation || --run.pending > 0)
        return;
    if (!run.instantError.isEmpty() && run.state.phase != PanelQueryState::Phase::Failed)
        run.state.notes << QStringLiteral("scorecard: ") + run.instantError;
    if (ChartPanel* panel = panels().value(index)) {
        showState(panel, index, run.state);
        if (m_view)
            m_view->targetModel()->setCurrentValue(index, panel->currentValue());
    }
    if (--m_outstanding == 0)
        Q_EMIT refreshed();
}

void PrometheusPanelController::updateSourceStatus()
{
    if (!m_bar)
        return;
    for (const DataSourceSpec& source : std::as_const(m_sources)) {
        if (source.kind != DataSourceKind::Prometheus)
            continue;
        const QString where = source.url.toDisplayString(QUrl::RemoveUserInfo);
        if (m_pending.contains(source.id)) {
            m_bar->setSourceStatus(m_pending.value(source.id), true);
        } else if (m_failed.contains(source.id)) {
            m_bar->setSourceStatus(m_failed.value(source.id), false);
        } else if (PrometheusClient* client = this->client(source.id)) {
            client->testConnection(this, [this, where](const PrometheusResponse& response) {
                if (response.ok())
                    m_bar->setSourceStatus(QStringLiteral("Prometheus %1 at %2").arg(response.version, where), true);
                else
                    m_bar->setSourceStatus(response.message(), false);
            });
        }
        return; // the bar shows the dashboard's first Prometheus source
    }
    m_bar->setSourceStatus(QStringLiteral("no Prometheus data source: add one with \"Data source…\""), false);
}

} // namespace perfdash
