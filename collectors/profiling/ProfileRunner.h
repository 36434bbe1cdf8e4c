#pragma once

#include "CancelRequests.h"
#include "ProfileProgress.h"
#include "ProfileRun.h"

#include <QObject>
#include <atomic>

namespace perfdash {

class ProfilingMetrics;

// ProfileEngine for a Qt program: lives on a worker thread; results leave through queued signals
// (progress at most 10 Hz), so the GUI thread never waits for a run.
class ProfileRunner : public QObject {
    Q_OBJECT
public:
    explicit ProfileRunner(ProfilingMetrics* metrics = nullptr, QObject* parent = nullptr);

    // The asking thread, before queueing run(): the ticket to pass it.
    quint64 request() { return m_cancel.request(); }
    // Any thread: asks the running profile, and any still queued, to stop soon.
    void cancel() { m_cancel.cancel(); }
    bool isRunning() const { return m_running.load(); }

public Q_SLOTS:
    // Blocks this object's thread for the run. ticket: from request(); 0 asks for one here.
    void run(const perfdash::ProfileSettings& settings, int repetitions, quint64 ticket = 0);

Q_SIGNALS:
    void started(const perfdash::ProfileSettings& settings, int repetitions);
    void progress(const perfdash::ProfileProgress& progress);
    void repetitionFinished(const perfdash::RepetitionResult& result);
    void finished(const perfdash::ProfileRun& run);

private:
    ProfilingMetrics* m_metrics;
    CancelRequests m_cancel;
    std::atomic<bool> m_running { false };
};

} // namespace perfdash
