#include "GuiSession.h"

#include "AnnotationQueryRunner.h"
#include "AppPrometheus.h"
#include "DashboardActions.h"
#include "DashboardView.h"
#include "DemoServer.h"
#include "DiagnosticsView.h"
#include "FrameProbe.h"
#include "MainWindow.h"
#include "PanelQueryBinding.h"
#include "PanelQueryRunner.h"
#include "ProfilingController.h"
#include "ProfilingPage.h"
#include "PrometheusPage.h"
#include "PrometheusPageWidget.h"
#include "StreamSource.h"
#include "VariableBar.h"
#include "VariableResolver.h"

#include <QDateTime>
#include <QStatusBar>

namespace perfdash {

namespace {
    // Where the profiling metrics are served (or why they are not), next to the data sources.
    QString appendDetail(const QString& text, const QString& detail)
    {
        return detail.isEmpty() ? text : text + QStringLiteral(" · ") + detail;
    }

    StoreLimits storeLimits(const GuiOptions& options)
    {
        StoreLimits limits;
        limits.retentionMs = options.retentionMs;
        return limits;
    }
}

GuiSession::GuiSession(GuiOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_store(storeLimits(m_options))
    , m_window(std::make_unique<MainWindow>(m_options.dashboard, m_store))
{
    m_demoThread.setObjectName(QStringLiteral("perfdash-demo"));
    m_ingestThread.setObjectName(QStringLiteral("perfdash-ingest"));
    if (m_options.windowMs > 0 && m_options.windowMs != m_options.dashboard.timeRangeMs) {
        m_options.dashboard.timeRangeMs = m_options.windowMs; // --window beats the file
        m_window->setDashboard(m_options.dashboard);
    }
    m_dashboardQueries = std::make_unique<PanelQueryRunner>();
    bindPanelQueries(m_dashboardQueries.get(), m_window->dashboard());
    m_dashboardQueries->start();
    m_window->dashboard()->setAnnotationLog(&m_annotations);
    m_variables = std::make_unique<VariableResolver>(
        [this](const QString& sourceId) { return m_dashboardQueries->client(sourceId); });
    connect(m_variables.get(), &VariableResolver::variableChanged, this, [this](int index) {
        m_window->variableBar()->setOptions(
            index, m_variables->options(index), m_variables->choice(index), m_variables->problem(index));
        m_window->dashboard()->setVariableChoices(m_variables->choices());
    });
    connect(m_variables.get(), &VariableResolver::resolved, this, [this] {
        m_dashboardQueries->setVariableValues(m_variables->substitutions());
        m_annotationQueries->setVariableValues(m_variables->substitutions());
        m_dashboardQueries->refreshNow();
        runAnnotationQueries();
    });
    connect(
        m_window->variableBar(), &VariableBar::choiceChanged, this, [this](const QString& name, const QString& choice) {
            m_variables->choose(name, choice); // before the dashboard changes, so it is not asked again from the top
            m_window->dashboardActions()->setVariableChoice(name, choice);
        });
    m_annotationQueries = std::make_unique<AnnotationQueryRunner>(
        [this](const QString& sourceId) { return m_dashboardQueries->client(sourceId); });
    m_annotationQueries->setLog(&m_annotations);
    connect(m_annotationQueries.get(), &AnnotationQueryRunner::queryFailed, this,
        [this](const QString& reason) { m_window->statusBar()->showMessage(QStringLiteral("⚠ ") + reason, 15'000); });
    connect(&m_annotationTimer, &QTimer::timeout, this, &GuiSession::runAnnotationQueries);
    // A zoom or pan shows another range: mark it once the gesture rests.
    auto* settle = new QTimer(this);
    settle->setSingleShot(true);
    settle->setInterval(200);
    connect(settle, &QTimer::timeout, this, &GuiSession::runAnnotationQueries);
    connect(m_window->dashboard(), &DashboardView::navigationChanged, settle, qOverload<>(&QTimer::start));
    // The panel editor's autocomplete asks the server the queries go to ("local:" = the app's own).
    m_window->dashboardActions()->setPromQLLookup(
        [this](const QString& sourceId, const QString& label, QObject* context, auto done) {
            m_dashboardQueries->lookupCompletions(sourceId, label, context, std::move(done));
        });
    m_frameProbe = new FrameProbe(m_window.get(), m_window->dashboard(), &m_latency, this);
    m_diagnostics = new DiagnosticsView;
    connect(m_diagnostics, &DiagnosticsView::resetLatencyRequested, this, [this] { m_latency.reset(); });
    m_window->addPage(m_diagnostics, QStringLiteral("Diagnostics"));
    m_profiling = std::make_unique<ProfilingController>(
        m_options.metricsPort, m_options.metricsAuth ? &*m_options.metricsAuth : nullptr);
    m_window->addPage(m_profiling->page(), QStringLiteral("Profiling"));
    // Every run appears on the live timeline as a range.
    connect(m_profiling.get(), &ProfilingController::runAnnotated, this,
        [this](const Annotation& run) { m_annotations.add(run); });
    connect(
        m_profiling.get(), &ProfilingController::changePointsAnnotated, this, [this](const QList<Annotation>& changes) {
            // A new analysis replaces the last one's marks: other options, other change points.
            for (const Annotation& stale : std::as_const(m_changePointMarks))
                m_annotations.remove(stale);
            m_annotations.add(changes);
            m_changePointMarks = changes;
        });
    // A snapshot bundle carries the comparison the Profiling tab has open.
    m_window->dashboardActions()->setProfilingComparisonProvider([this] {
        const ProfilingPage* page = m_profiling ? m_profiling->page() : nullptr;
        return page ? page->openComparisonJson() : QJsonObject();
    });
    connect(&m_statusTimer, &QTimer::timeout, this, &GuiSession::updateStatusBar);
    connect(m_window->dashboardActions(), &DashboardActions::dashboardChanged, this, [this](const DashboardSpec& spec) {
        QString error;
        if (!openDashboard(spec, &error))
            m_window->setConnectionStatus({ ConnectionState::Failed, QString(), error });
    });
}

GuiSession::~GuiSession()
{
    m_statusTimer.stop();
    stopSources();
    m_ingestThread.quit();
    m_demoThread.quit();
    m_ingestThread.wait();
    m_demoThread.wait();
}

void GuiSession::stopStreams()
{
    for (DataSource* source : std::as_const(m_streams))
        QMetaObject::invokeMethod(source, &DataSource::stop, Qt::BlockingQueuedConnection);
}

void GuiSession::stopSources()
{
    // Stop and delete each worker object on its own thread (the threads themselves keep running).
    for (DataSource* source : std::as_const(m_streams))
        QMetaObject::invokeMethod(
            source, [source] { delete source; }, Qt::BlockingQueuedConnection);
    m_streams.clear();
    if (m_demo) {
        QMetaObject::invokeMethod(
            m_demo, [demo = m_demo] { delete demo; }, Qt::BlockingQueuedConnection);
        m_demo = nullptr;
    }
}

quint16 GuiSession::demoMetricsPort() const { return m_demo ? m_demo->metricsPort() : 0; }

QList<StreamSource*> GuiSession::streamSources() const { return m_streams; }

namespace {
    // The streams a dashboard reads: "demo:" is the embedded demo; a dashboard without sources gets the demo too.
    QList<QUrl> streamUrlsOf(const DashboardSpec& dashboard, bool* wantsDemo)
    {
        QList<QUrl> urls;
        *wantsDemo = dashboard.sources.isEmpty();
        for (const DataSourceSpec& source : dashboard.sources) {
            if (source.kind != DataSourceKind::Stream)
                continue;
            if (source.url == embeddedDemoUrl())
                *wantsDemo = true;
            else
                urls << source.url;
        }
        return urls;
    }
}

bool GuiSession::openDashboard(const DashboardSpec& dashboard, QString* error)
{
    bool oldDemo = false;
    bool newDemo = false;
    const bool sameStreams
        = streamUrlsOf(m_options.dashboard, &oldDemo) == streamUrlsOf(dashboard, &newDemo) && oldDemo == newDemo;
    m_options.dashboard = dashboard;
    m_window->setDashboard(dashboard); // a no-op when the window already shows it
    runDashboardQueries(); // its panels may be new ones, or its sources or time range changed
    if (sameStreams || !m_options.streamUrl.isEmpty())
        return true;
    m_statusTimer.stop(); // it reads the sources being replaced
    stopSources();
    return start(error);
}

bool GuiSession::start(QString* error)
{
    bool wantsDemo = false;
    QList<QUrl> streamUrls = streamUrlsOf(m_options.dashboard, &wantsDemo);
    if (!m_options.streamUrl.isEmpty()) {
        streamUrls = { m_options.streamUrl };
        wantsDemo = false;
    }
    QUrl streamUrl = streamUrls.value(0);
    QString sourceText;
    if (wantsDemo) {
        DemoServerOptions demoOptions;
        demoOptions.scenario = m_options.scenario;
        demoOptions.malformedEvery = m_options.demoMalformedEvery;
        demoOptions.tickMs = m_options.demoTickMs;
        demoOptions.deployAfterMs = m_options.demoDeployAfterMs;
        // Metrics are exposed too, so a local Prometheus can scrape the same demo.
        m_demo = new DemoServer(demoOptions);
        m_demo->moveToThread(&m_demoThread);
        m_demoThread.start();
        bool started = false;
        QMetaObject::invokeMethod(
            m_demo, [&] { started = m_demo->start(error); }, Qt::BlockingQueuedConnection);
        if (!started)
            return false;
        streamUrl = m_demo->streamUrl();
        streamUrls.prepend(streamUrl);
        sourceText
            = QStringLiteral("embedded demo (%1 scenario) · stream %2 · metrics %3")
                  .arg(demoScenarioName(m_options.scenario), streamUrl.toString(), m_demo->metricsUrl().toString());
    } else {
        QStringList shown;
        for (const QUrl& url : std::as_const(streamUrls))
            shown << url.toDisplayString(QUrl::RemoveUserInfo);
        sourceText = shown.isEmpty() ? QStringLiteral("no live stream")
                                     : (shown.size() == 1 ? QStringLiteral("stream ") : QStringLiteral("streams "))
                + shown.join(QStringLiteral(", "));
    }
    if (!m_prometheus) {
        m_prometheus = std::make_unique<PrometheusPage>(m_window.get(), m_store);
        m_prometheus->widget()->view()->setAnnotationLog(&m_annotations);
        connect(m_prometheus->server(), &AppPrometheus::changed, this, &GuiSession::runDashboardQueries);
        m_prometheus->server()->start(
            m_options.prometheusUrl, m_demo ? std::optional<quint16>(m_demo->metricsPort()) : std::nullopt);
    } else if (m_demo) {
        m_prometheus->server()->followDemoMetrics(m_demo->metricsPort()); // a new demo: another metrics port
    }
    if (streamUrl.isEmpty()) {
        m_window->setSourceDescription(appendDetail(sourceText, m_profiling->metricsDescription()));
        return true; // no stream at all: a dashboard of other sources only
    }

    for (const QUrl& url : std::as_const(streamUrls)) {
        auto* source = new StreamSource(url, m_store);
        source->setLatencyRecorder(&m_latency);
        source->setAnnotationLog(&m_annotations);
        source->moveToThread(&m_ingestThread);
        connect(source, &DataSource::statusChanged, this, &GuiSession::updateConnectionStatus);
        m_streams << source;
    }
    m_ingestThread.start();
    for (DataSource* source : std::as_const(m_streams))
        QMetaObject::invokeMethod(source, &DataSource::start, Qt::QueuedConnection);

    m_window->setSourceDescription(appendDetail(sourceText, m_profiling->metricsDescription()));
    m_statusTimer.start(500);
    return true;
}

void GuiSession::runDashboardQueries()
{
    QList<DataSourceSpec> sources = m_options.dashboard.sources;
    QHash<QString, QString> pending;
    QHash<QString, QString> failed;
    for (DataSourceSpec& source : sources) {
        if (source.kind != DataSourceKind::Prometheus || source.url != appPrometheusUrl())
            continue;
        if (!m_prometheus) {
            pending.insert(source.id, QStringLiteral("waiting for the app's Prometheus to start…"));
            continue;
        }
        // The app's server with the connection settings it was given (auth, TLS); the panels keep the id.
        const LocalSourceResolution resolved = m_prometheus->server()->resolve(source);
        source = resolved.source;
        if (!resolved.pendingReason.isEmpty())
            pending.insert(source.id, resolved.pendingReason);
        else if (!resolved.failureReason.isEmpty())
            failed.insert(source.id, resolved.failureReason);
    }
    QueryTimeSettings settings;
    settings.lastMs = m_options.dashboard.timeRangeMs;
    settings.refreshMs = m_options.dashboard.refreshIntervalMs;
    settings = followNavigation(settings, *m_window->dashboard()); // a zoomed tab stays where it is
    const auto withoutChoices = [](QList<DashboardVariable> variables) {
        for (DashboardVariable& variable : variables)
            variable.current.clear();
        return variables;
    };
    if (withoutChoices(m_options.dashboard.variables) != withoutChoices(m_variables->variables())) {
        m_variables->setVariables(m_options.dashboard.variables);
        m_window->variableBar()->setVariables(m_options.dashboard.variables);
        m_window->dashboard()->setVariableChoices(m_variables->choices());
        m_variableSources.clear();
        // The saved choices until the servers answer, so the first refresh sends no "$job".
        m_dashboardQueries->setVariableValues(m_variables->substitutions());
    }
    if (!(settings == m_dashboardQueries->settings()))
        m_dashboardQueries->setSettings(settings);
    m_dashboardQueries->setSources(sources, pending, failed);
    runDashboardVariables(sources);
    m_annotationQueries->setQueries(m_options.dashboard.annotationQueries);
    m_annotationTimer.start(settings.refreshMs > 0 ? settings.refreshMs : 15'000);
    runAnnotationQueries();
}

void GuiSession::runDashboardVariables(const QList<DataSourceSpec>& sources)
{
    if (m_options.dashboard.variables.isEmpty() || sources == m_variableSources)
        return;
    m_variableSources = sources;
    const QueryTimeSettings settings = m_dashboardQueries->settings();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_variables->setTimeRange(settings.rangeFromMs(now), settings.rangeToMs(now));
    m_variables->resolve();
}

void GuiSession::runAnnotationQueries()
{
    if (m_annotationQueries->queries().isEmpty())
        return;
    const QueryTimeSettings settings = m_dashboardQueries->settings();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_annotationQueries->run(settings.rangeFromMs(now), settings.rangeToMs(now));
}

void GuiSession::updateConnectionStatus()
{
    QList<ConnectionStatus> statuses;
    for (const DataSource* source : std::as_const(m_streams))
        statuses << source->status();
    m_window->setConnectionStatus(ConnectionStatus::combined(statuses));
}

void GuiSession::updateStatusBar()
{
    // The countdown in "reconnecting in N s" moves with this poll, not only on state changes.
    updateConnectionStatus();
    // Every stream's drops are counted and shown, not only the first one's.
    IngestCounters counters;
    for (const DataSource* source : std::as_const(m_streams))
        counters += source->counters();
    const StoreStats stats = m_store.stats();
    m_window->setIngestCounters(counters, stats);
    if (m_diagnostics->isVisible())
        m_diagnostics->showStats(m_latency.summary(), m_frameProbe->cost(), stats, counters);
}

} // namespace perfdash
