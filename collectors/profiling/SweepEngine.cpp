#include "SweepEngine.h"

#include "ProfileEngine.h"

namespace perfdash {

SweepEngine::SweepEngine(ProfilingMetrics* metrics)
    : m_metrics(metrics)
{
}

SweepResult SweepEngine::run(const ProfileSettings& base, const SweepSpec& spec, const SweepSeries& series,
    int repetitions, const std::atomic<bool>& cancel, const Callbacks& callbacks)
{
    SweepResult result;
    result.component = base.component();
    result.spec = spec;
    result.seriesParameter = series.parameter;
    result.values = spec.values(base.component());
    result.repetitions = repetitions;
    result.startedAt = QDateTime::currentDateTimeUtc();
    result.fixedParameters = base.values();
    result.fixedParameters.remove(spec.parameter);
    result.fixedParameters.remove(series.parameter);
    const QStringList seriesValues = series.parameter.isEmpty() ? QStringList { QString() } : series.values;
    for (const QString& value : seriesValues)
        result.curves.append({ value, {} });

    const int total = result.totalPoints();
    int done = 0;
    for (const QString& value : std::as_const(result.values)) {
        for (SweepCurve& curve : result.curves) {
            if (cancel.load()) {
                result.cancelled = true;
                return result;
            }
            QMap<QString, QString> overrides = base.values();
            overrides.insert(spec.parameter, value);
            if (!series.parameter.isEmpty())
                overrides.insert(series.parameter, curve.seriesValue);
            QString error;
            const auto settings = ProfileSettings::make(base.component(), overrides, &error);
            if (!settings) {
                result.error = error;
                return result;
            }
            ProfileEngine::Callbacks pointCallbacks;
            if (callbacks.progress) {
                pointCallbacks.progress = [&](const ProfileProgress& progress) {
                    callbacks.progress((double(done) + progress.fraction) / double(total));
                };
            }
            ProfileRun run = ProfileEngine(m_metrics).run(*settings, repetitions, cancel, pointCallbacks);
            if (!run.error.isEmpty()) {
                const QString curveText = series.parameter.isEmpty()
                    ? QString()
                    : QStringLiteral(", %1=%2").arg(series.parameter, curve.seriesValue);
                result.error = QStringLiteral("%1=%2%3: %4").arg(spec.parameter, value, curveText, run.error);
                return result;
            }
            if (run.cancelled) {
                // A point cut short measures something else: the curve keeps only whole points.
                result.cancelled = true;
                return result;
            }
            curve.runs.append(std::move(run));
            ++done;
            if (callbacks.pointFinished)
                callbacks.pointFinished(result);
        }
    }
    return result;
}

} // namespace perfdash
