#pragma once

#include "Annotation.h"
#include "MetricsBasicAuth.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <memory>

namespace perfdash {

class ProfileRunner;
class SweepRunner;
class ProfilingMetrics;
class ProfilingPage;

// Wires the Profiling page to the run engine: runs execute on a thread of their own (and the workload's
// threads below it); the page gets their progress through queued signals, so the GUI never waits.
class ProfilingController : public QObject {
    Q_OBJECT
public:
    // metricsPort < 0: the components' Prometheus metrics are not served (the GUI default).
    // metricsAuth: basic auth on that /metrics, none when null.
    explicit ProfilingController(
        int metricsPort = -1, const MetricsBasicAuth* metricsAuth = nullptr, QObject* parent = nullptr);
    // Cancels a running profile and waits for its thread.
    ~ProfilingController() override;

    // The page, for MainWindow::addPage (which takes ownership).
    ProfilingPage* page() const;
    // Empty unless metrics are served; otherwise the error or the URL.
    QString metricsDescription() const { return m_metricsDescription; }

Q_SIGNALS:
    // A run ended (after the page showed it and compared it with its baseline), as a timeline range.
    void runAnnotated(const perfdash::Annotation& annotation);
    // The run history's change points, for the live timeline.
    void changePointsAnnotated(const QList<perfdash::Annotation>& annotations);

private:
    std::unique_ptr<ProfilingMetrics> m_metrics;
    QThread m_thread;
    ProfileRunner* m_runner = nullptr;
    SweepRunner* m_sweepRunner = nullptr;
    QPointer<ProfilingPage> m_page;
    QString m_metricsDescription;
};

} // namespace perfdash
