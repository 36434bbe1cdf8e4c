#pragma once

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

    // Any thread: asks the running profile to stop soon.
    void cancel() { m_cancel.store(true); }
    bool isRunning() const { return m_running.load(); }

public Q_SLOTS:
    // Blocks this object's thread for the run.
    void run(const perfdash::ProfileSettings& settings, int repetitions);

Q_SIGNALS:
    void started(const perfdash::ProfileSettings& settings, int repetitions);
    void progress(const perfdash::ProfileProgress& progress);
    void repetitionFinished(const perfdash::RepetitionResult& result);
    void finished(const perfdash::ProfileRun& run);

private:
    ProfilingMetrics* m_metrics;
    std::atomic<bool> m_cancel { false };
    std::atomic<bool> m_running { false };
};

} // namespace perfdash
