#pragma once

#include "CancelRequests.h"
#include "SweepResult.h"

#include <QObject>
#include <atomic>

namespace perfdash {

class ProfilingMetrics;

// SweepEngine for a Qt program, as ProfileRunner is for single runs: lives on a worker thread and reports
// through queued signals, so the GUI draws the curves as they grow and never waits.
class SweepRunner : public QObject {
    Q_OBJECT
public:
    explicit SweepRunner(ProfilingMetrics* metrics = nullptr, QObject* parent = nullptr);

    // The asking thread, before queueing run(): the ticket to pass it.
    quint64 request() { return m_cancel.request(); }
    // Any thread: the sweep stops after the current repetition; queued ones do not start.
    void cancel() { m_cancel.cancel(); }

public Q_SLOTS:
    // Blocks this object's thread for the sweep. ticket: from request(); 0 asks for one here.
    void run(const perfdash::ProfileSettings& base, const perfdash::SweepSpec& spec,
        const perfdash::SweepSeries& series, int repetitions, quint64 ticket = 0);

Q_SIGNALS:
    void started();
    // The share of the sweep done, 0..1, at most about ten times a second.
    void progress(double fraction);
    void pointFinished(const perfdash::SweepResult& sofar);
    void finished(const perfdash::SweepResult& result);

private:
    ProfilingMetrics* m_metrics;
    CancelRequests m_cancel;
};

} // namespace perfdash
