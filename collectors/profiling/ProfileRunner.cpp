#include "ProfileRunner.h"

#include "ProfileEngine.h"

namespace perfdash {

ProfileRunner::ProfileRunner(ProfilingMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_metrics(metrics)
{
}

void ProfileRunner::run(const ProfileSettings& settings, int repetitions, quint64 ticket)
{
    const std::atomic<bool>& cancel = m_cancel.begin(ticket != 0 ? ticket : m_cancel.request());
    m_running.store(true);
    Q_EMIT started(settings, repetitions);
    ProfileEngine engine(m_metrics);
    ProfileEngine::Callbacks callbacks;
    callbacks.progress = [this](const ProfileProgress& snapshot) { Q_EMIT progress(snapshot); };
    callbacks.repetitionFinished = [this](const RepetitionResult& result) { Q_EMIT repetitionFinished(result); };
    const ProfileRun result = engine.run(settings, repetitions, cancel, callbacks);
    m_running.store(false);
    Q_EMIT finished(result);
}

} // namespace perfdash
