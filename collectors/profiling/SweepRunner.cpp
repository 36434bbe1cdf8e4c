#include "SweepRunner.h"

#include "SweepEngine.h"

namespace perfdash {

SweepRunner::SweepRunner(ProfilingMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_metrics(metrics)
{
}

void SweepRunner::run(
    const ProfileSettings& base, const SweepSpec& spec, const SweepSeries& series, int repetitions, quint64 ticket)
{
    const std::atomic<bool>& cancel = m_cancel.begin(ticket != 0 ? ticket : m_cancel.request());
    Q_EMIT started();
    SweepEngine::Callbacks callbacks;
    callbacks.progress = [this](double fraction) { Q_EMIT progress(fraction); };
    callbacks.pointFinished = [this](const SweepResult& sofar) { Q_EMIT pointFinished(sofar); };
    const SweepResult result = SweepEngine(m_metrics).run(base, spec, series, repetitions, cancel, callbacks);
    Q_EMIT finished(result);
}

} // namespace perfdash
