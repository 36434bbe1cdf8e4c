#pragma once

#include "AnnotationLog.h"
#include "DemoScenario.h"
#include "LatencyRecorder.h"
#include "MetricsBasicAuth.h"
#include "PanelSpec.h"
#include "TimeSeriesStore.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace perfdash {

class AnnotationQueryRunner;
class DemoServer;
class DiagnosticsView;
class FrameProbe;
class MainWindow;
class ProfilingController;
class PrometheusPage;
class PanelQueryRunner;
class StreamSource;
class VariableResolver;

struct GuiOptions {
    // Empty: start the embedded demo in-process and stream from it.
    QUrl streamUrl;
    // The server of the Prometheus page; empty = a local Prometheus scraping the embedded demo.
    QUrl prometheusUrl;
    DemoScenario scenario = DemoScenario::Baseline;
    int demoMalformedEvery = 0;
    int demoTickMs = 250;
    // --demo-deploy-after: when the demo switches to its optimized build; 0 = never.
    qint64 demoDeployAfterMs = 0;
    // The profiling components' /metrics on 127.0.0.1:port (0 = a free one); < 0 = not served (default).
    int metricsPort = -1;
    // Basic auth on that /metrics (--metrics-user, --metrics-password-ref); none by default.
    std::optional<MetricsBasicAuth> metricsAuth;
    // History kept per series; soak runs shorten it so memory reaches its steady state sooner.
    qint64 retentionMs = StoreLimits {}.retentionMs;
    // The time range shown; 0 = the dashboard's own (its file's "timeRange").
    qint64 windowMs = 0;
    // What to show and where its data comes from; streamUrl, when set, replaces its stream sources.
    DashboardSpec dashboard = defaultDashboard();
};

// The composition root of the GUI: one store, an ingest thread for the stream source, a thread for the
// embedded demo, and the main window. Owns their order of start and shutdown.
class GuiSession : public QObject {
    Q_OBJECT
public:
    explicit GuiSession(GuiOptions options, QObject* parent = nullptr);
    ~GuiSession() override;

    // Starts the demo (when no stream URL was given) and the stream source. False with *error on failure.
    bool start(QString* error);

    MainWindow* window() const { return m_window.get(); }
    const TimeSeriesStore& store() const { return m_store; }
    StreamSource* source() const { return m_streams.value(0); }
    // Every running stream source (the first is source()), for checks such as `perfdash snapshot`'s.
    QList<StreamSource*> streamSources() const;
    // Stops every stream (each on its ingest thread) and keeps what they stored; the demo runs on.
    void stopStreams();
    // Switches to another dashboard; its stream sources are (re)started when they differ. False with *error.
    bool openDashboard(const DashboardSpec& dashboard, QString* error);
    DiagnosticsView* diagnostics() const { return m_diagnostics; }
    const LatencyRecorder& latency() const { return m_latency; }
    PrometheusPage* prometheusPage() const { return m_prometheus.get(); }
    // The embedded demo's metrics port, 0 when no demo runs.
    quint16 demoMetricsPort() const;
    // Runs the PromQL panels of the Dashboard tab against the dashboard's Prometheus sources.
    PanelQueryRunner* dashboardQueries() const { return m_dashboardQueries.get(); }
    const AnnotationLog& annotations() const { return m_annotations; }
    ProfilingController* profiling() const { return m_profiling.get(); }

private:
    void updateStatusBar();
    void updateConnectionStatus();
    void stopSources();
    // Hands the dashboard's sources, time range and refresh to m_dashboardQueries; "local:" sources follow
    // the Prometheus page's server (and say why while it starts or if it failed).
    void runDashboardQueries();
    // The dashboard's annotation queries over the range its PromQL panels show.
    void runAnnotationQueries();
    // The toolbar's variables follow the dashboard: asked of the servers again when the variables or the
    // sources they read changed (not when only a choice did: that one is resolved from where it changed).
    void runDashboardVariables(const QList<DataSourceSpec>& sources);

    GuiOptions m_options;
    TimeSeriesStore m_store;
    QThread m_demoThread;
    QThread m_ingestThread;
    DemoServer* m_demo = nullptr;
    QList<StreamSource*> m_streams; // the dashboard's streams, all into the one store, on m_ingestThread
    std::unique_ptr<MainWindow> m_window;
    LatencyRecorder m_latency;
    FrameProbe* m_frameProbe = nullptr;
    DiagnosticsView* m_diagnostics = nullptr;
    // After m_window: destroyed first, so a running profile stops while its page still exists.
    std::unique_ptr<ProfilingController> m_profiling;
    // After m_window: its panels and requests end before the window goes.
    std::unique_ptr<PrometheusPage> m_prometheus;
    std::unique_ptr<PanelQueryRunner> m_dashboardQueries;
    // After m_dashboardQueries: it asks through that runner's clients, so it goes first.
    std::unique_ptr<VariableResolver> m_variables;
    QList<DataSourceSpec> m_variableSources; // the sources m_variables last asked
    // Every mark the session knows: the streams' and the annotation queries' answers, profiling runs.
    AnnotationLog m_annotations;
    // What the run history last put on the timeline, removed when it analyses again.
    QList<Annotation> m_changePointMarks;
    // After m_dashboardQueries' declaration: it borrows that runner's clients, so it goes first.
    std::unique_ptr<AnnotationQueryRunner> m_annotationQueries;
    QTimer m_annotationTimer;
    QTimer m_statusTimer;
};

} // namespace perfdash
