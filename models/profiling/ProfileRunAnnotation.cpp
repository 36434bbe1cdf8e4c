#include "ProfileRunAnnotation.h"

#include <QStringList>

namespace perfdash {

namespace {
    // The first few parameters: the annotation names the run, the run file holds all of them.
    constexpr int parametersShown = 4;

    QString verdictText(const std::optional<RunComparison>& comparison)
    {
        if (!comparison)
            return QStringLiteral("no baseline pinned");
        if (comparison->hasRegression())
            return QStringLiteral("worse than the baseline, significant");
        for (const MetricComparison& row : comparison->rows()) {
            if (row.significant)
                return QStringLiteral("better than the baseline, significant");
        }
        return QStringLiteral("no detectable change against the baseline");
    }
}

Annotation profileRunAnnotation(
    const ProfileRun& run, qint64 finishedMs, const std::optional<RunComparison>& againstBaseline)
{
    QStringList parameters;
    for (auto it = run.settings.values().cbegin();
         it != run.settings.values().cend() && parameters.size() < parametersShown; ++it)
        parameters << QStringLiteral("%1=%2").arg(it.key(), it.value());
    Annotation annotation;
    annotation.timeMs = run.startedAt.isValid() ? run.startedAt.toMSecsSinceEpoch() : finishedMs;
    annotation.endMs = std::max(annotation.timeMs, finishedMs);
    annotation.text = QStringLiteral("profiling run: %1 (%2) · %3 of %4 repetitions%5 · %6")
                          .arg(run.settings.component(), parameters.join(QStringLiteral(", ")))
                          .arg(run.repetitions.size())
                          .arg(run.requestedRepetitions)
                          .arg(run.cancelled ? QStringLiteral(", cancelled") : QString(), verdictText(againstBaseline));
    annotation.tags = { QStringLiteral("profiling"), run.settings.component() };
    annotation.origin = Annotation::Origin::Profiling;
    return annotation;
}

} // namespace perfdash
