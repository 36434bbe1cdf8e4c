#include "ProfilingController.h"

#include "ProfileRunAnnotation.h"
#include "ProfileRunner.h"
#include "ProfilingMetrics.h"
#include "ProfilingPage.h"
#include "SweepRunner.h"
#include "SweepWindow.h"

namespace perfdash {

ProfilingController::ProfilingController(int metricsPort, const MetricsBasicAuth* metricsAuth, QObject* parent)
    : QObject(parent)
    , m_metrics(std::make_unique<ProfilingMetrics>())
    , m_page(new ProfilingPage)
{
    if (metricsPort >= 0) {
        QString error;
        m_metricsDescription = m_metrics->expose(quint16(metricsPort), &error, metricsAuth)
            ? QStringLiteral("profiling metrics http://127.0.0.1:%1/metrics%2")
                  .arg(m_metrics->port())
                  .arg(metricsAuth
                          ? QStringLiteral(" (basic auth, user %1)").arg(QString::fromStdString(metricsAuth->user()))
                          : QString())
            : error;
    }
    m_thread.setObjectName(QStringLiteral("perfdash-profiling"));
    m_runner = new ProfileRunner(m_metrics.get());
    m_runner->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);

    // The ticket is taken here, when asked: a cancel between now and the run's start still reaches it.
    connect(m_page, &ProfilingPage::runRequested, this, [this](const ProfileSettings& settings, int repetitions) {
        const quint64 ticket = m_runner->request();
        QMetaObject::invokeMethod(
            m_runner,
            [runner = m_runner, settings, repetitions, ticket] { runner->run(settings, repetitions, ticket); },
            Qt::QueuedConnection);
    });
    // Direct: the runner's thread is busy with the run, cancel() only sets an atomic flag.
    connect(m_page, &ProfilingPage::cancelRequested, this, [this] { m_runner->cancel(); });
    connect(m_runner, &ProfileRunner::started, m_page, &ProfilingPage::runStarted, Qt::QueuedConnection);
    connect(m_runner, &ProfileRunner::progress, m_page, &ProfilingPage::showProgress, Qt::QueuedConnection);
    connect(m_runner, &ProfileRunner::repetitionFinished, m_page, &ProfilingPage::addRepetition, Qt::QueuedConnection);
    connect(m_runner, &ProfileRunner::finished, m_page, &ProfilingPage::runFinished, Qt::QueuedConnection);
    connect(m_page, &ProfilingPage::changePointsAnnotated, this, &ProfilingController::changePointsAnnotated);

    // Sweeps run on the same thread as single runs: one measurement at a time, never two competing for cores.
    m_sweepRunner = new SweepRunner(m_metrics.get());
    m_sweepRunner->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_sweepRunner, &QObject::deleteLater);
    connect(m_page, &ProfilingPage::sweepWindowCreated, this, [this](SweepWindow* window) {
        connect(window, &SweepWindow::sweepRequested, this,
            [this](const ProfileSettings& base, const SweepSpec& spec, const SweepSeries& series, int repetitions) {
                const quint64 ticket = m_sweepRunner->request();
                QMetaObject::invokeMethod(
                    m_sweepRunner,
                    [runner = m_sweepRunner, base, spec, series, repetitions, ticket] {
                        runner->run(base, spec, series, repetitions, ticket);
                    },
                    Qt::QueuedConnection);
            });
        connect(window, &SweepWindow::cancelRequested, this, [this] { m_sweepRunner->cancel(); });
        connect(m_sweepRunner, &SweepRunner::started, window, &SweepWindow::sweepStarted, Qt::QueuedConnection);
        connect(m_sweepRunner, &SweepRunner::progress, window, &SweepWindow::showProgress, Qt::QueuedConnection);
        connect(m_sweepRunner, &SweepRunner::pointFinished, window, &SweepWindow::showPoint, Qt::QueuedConnection);
        connect(m_sweepRunner, &SweepRunner::finished, window, &SweepWindow::sweepFinished, Qt::QueuedConnection);
    });
    // Connected after the page's slot, so the page has compared the run with its baseline by now.
    connect(
        m_runner, &ProfileRunner::finished, this,
        [this](const ProfileRun& run) {
            const std::optional<RunComparison> comparison = m_page ? m_page->openComparison() : std::nullopt;
            Q_EMIT runAnnotated(profileRunAnnotation(run, QDateTime::currentMSecsSinceEpoch(), comparison));
        },
        Qt::QueuedConnection);
}

ProfilingPage* ProfilingController::page() const { return m_page; }

ProfilingController::~ProfilingController()
{
    m_runner->cancel();
    m_sweepRunner->cancel();
    m_thread.quit();
    m_thread.wait();
    if (m_page && !m_page->parent())
        delete m_page; // never handed to a window
}

} // namespace perfdash
