#include "RunHistory.h"

#include "UtcTimeText.h"
#include "ValueFormat.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {

    // Which way the latest change went, in the words `perfdash compare` uses.
    QString directionWord(const ProfileMetric& metric, const ChangePoint& point)
    {
        const bool larger = point.medianAfter > point.medianBefore;
        if (metric.direction == MetricDirection::Informational)
            return larger ? QStringLiteral("higher") : QStringLiteral("lower");
        const bool better = (metric.direction == MetricDirection::HigherIsBetter) == larger;
        if (metric.speed)
            return better ? QStringLiteral("faster") : QStringLiteral("slower");
        return better ? QStringLiteral("better") : QStringLiteral("worse");
    }

    bool isRegression(const ProfileMetric& metric, const ChangePoint& point)
    {
        if (metric.direction == MetricDirection::Informational || point.medianAfter == point.medianBefore)
            return false;
        return (metric.direction == MetricDirection::HigherIsBetter) != (point.medianAfter > point.medianBefore);
    }

    QString runTime(const HistoryRun& run)
    {
        return run.run.startedAt.isValid() ? utcTimeText(run.run.startedAt.toMSecsSinceEpoch())
                                           : QStringLiteral("no start time");
    }

} // namespace

bool MetricHistory::latestSegmentRegressed() const
{
    return !changePoints.isEmpty() && isRegression(metric, changePoints.last());
}

std::optional<RunHistory> RunHistory::analyse(QList<HistoryRun> runs, const ChangePointOptions& options, QString* error)
{
    RunHistory history;
    history.m_options = options;
    // Oldest first; runs that started at the same moment (or carry no time) in the order of their names.
    std::stable_sort(runs.begin(), runs.end(), [](const HistoryRun& a, const HistoryRun& b) {
        const qint64 at = a.run.startedAt.isValid() ? a.run.startedAt.toMSecsSinceEpoch() : 0;
        const qint64 bt = b.run.startedAt.isValid() ? b.run.startedAt.toMSecsSinceEpoch() : 0;
        return at != bt ? at < bt : a.source < b.source;
    });
    // The history is of the component most runs are of: one stray file must not turn it into its own.
    QMap<QString, int> runsOf;
    for (const HistoryRun& run : std::as_const(runs)) {
        if (!run.run.repetitions.isEmpty())
            ++runsOf[run.run.settings.component()];
    }
    for (const HistoryRun& run : std::as_const(runs)) {
        const QString& component = run.run.settings.component();
        if (!run.run.repetitions.isEmpty()
            && (history.m_component.isEmpty() || runsOf.value(component) > runsOf.value(history.m_component)))
            history.m_component = component;
    }
    for (HistoryRun& run : runs) {
        if (run.run.repetitions.isEmpty()) {
            history.m_leftOut.append({ run.source, QStringLiteral("no repetitions") });
            continue;
        }
        if (run.run.settings.component() != history.m_component) {
            history.m_leftOut.append({ run.source,
                QStringLiteral("a %1 run, not %2").arg(run.run.settings.component(), history.m_component) });
            continue;
        }
        history.m_runs.append(std::move(run));
    }
    if (history.m_runs.size() < 2) {
        *error = QStringLiteral("a history needs at least two runs of one component with repetitions; %1 found")
                     .arg(history.m_runs.size());
        for (const LeftOutRun& left : history.m_leftOut)
            *error += QStringLiteral("\n  left out %1: %2").arg(left.source, left.reason);
        return std::nullopt;
    }

    for (const ProfileMetric& metric : ProfileMetric::all()) {
        MetricHistory series;
        series.metric = metric;
        for (qsizetype i = 0; i < history.m_runs.size(); ++i) {
            const ProfileRun& run = history.m_runs[i].run;
            if (!run.metricNames().contains(metric.name))
                continue;
            const double median = run.median(metric.name);
            if (!std::isfinite(median)) {
                series.nonFiniteSources << history.m_runs[i].source;
                continue;
            }
            series.runIndexes << static_cast<int>(i);
            series.medians << median;
        }
        if (series.runIndexes.isEmpty() && series.nonFiniteSources.isEmpty())
            continue;
        series.changePoints = detectChangePoints(series.medians, options);
        history.m_metrics.append(std::move(series));
    }
    return history;
}

bool RunHistory::hasRegression() const
{
    return std::any_of(m_metrics.begin(), m_metrics.end(),
        [](const MetricHistory& metric) { return metric.latestSegmentRegressed(); });
}

QString RunHistory::toText() const
{
    QString text = QStringLiteral("%1 history: %2 runs, %3 → %4\n")
                       .arg(m_component)
                       .arg(m_runs.size())
                       .arg(runTime(m_runs.first()), runTime(m_runs.last()));
    text += QStringLiteral("change points by E-divisive means: at least %1 runs a side, p ≤ %2 (%3 permutations)")
                .arg(std::max(m_options.minSegment, 2))
                .arg(m_options.maxPValue)
                .arg(m_options.permutations);
    if (m_options.minRelativeChange > 0)
        text += QStringLiteral(", changes under %1 % ignored").arg(m_options.minRelativeChange * 100);
    text += QStringLiteral("\n");
    for (const LeftOutRun& left : m_leftOut)
        text += QStringLiteral("left out %1: %2\n").arg(left.source, left.reason);
    for (qsizetype i = 1; i < m_runs.size(); ++i) {
        const auto& before = m_runs[i - 1].run.settings.values();
        const auto& after = m_runs[i].run.settings.values();
        QStringList changed;
        for (auto it = after.begin(); it != after.end(); ++it) {
            if (before.value(it.key()) != it.value())
                changed << QStringLiteral("%1 %2 → %3").arg(it.key(), before.value(it.key()), it.value());
        }
        if (!changed.isEmpty())
            text += QStringLiteral("parameters changed at run %1 (%2): %3\n")
                        .arg(QString::number(i + 1), m_runs[i].source, changed.join(QStringLiteral(", ")));
    }

    QStringList regressions;
    for (const MetricHistory& series : m_metrics) {
        const ProfileMetric& metric = series.metric;
        text += QStringLiteral("\n%1: %2 runs, ").arg(metric.label).arg(series.medians.size());
        if (series.changePoints.isEmpty()) {
            text += QStringLiteral("no change point (median %1)\n")
                        .arg(formatValue(series.medians.isEmpty() ? NAN : series.medians.last(), metric.unit));
        } else {
            text += series.changePoints.size() == 1
                ? QStringLiteral("1 change point\n")
                : QStringLiteral("%1 change points\n").arg(series.changePoints.size());
        }
        for (const ChangePoint& point : series.changePoints) {
            const int runIndex = series.runIndexes[point.index];
            const bool latest = &point == &series.changePoints.last();
            const bool regressed = latest && isRegression(metric, point);
            // One multi-argument arg(): a '%' in a file name must not be taken for a placeholder.
            text += QStringLiteral("  at run %1 %2 (%3): %4 → %5 (%6, p %7), %8%9\n")
                        .arg(QString::number(runIndex + 1), m_runs[runIndex].source, runTime(m_runs[runIndex]),
                            formatValue(point.medianBefore, metric.unit), formatValue(point.medianAfter, metric.unit),
                            formatPercentChange(point.relativeChange * 100), QString::number(point.pValue, 'g', 2),
                            directionWord(metric, point),
                            regressed ? QStringLiteral("  ← latest segment, regression") : QString());
            if (regressed)
                regressions << QStringLiteral("%1 at run %2").arg(metric.label).arg(runIndex + 1);
        }
        for (const QString& source : series.nonFiniteSources)
            text += QStringLiteral("  left out %1: its median is not a finite number\n").arg(source);
    }
    text += regressions.isEmpty() ? QStringLiteral("\nresult: no regression in the latest segment\n")
                                  : QStringLiteral("\nresult: regression (%1)\n").arg(regressions.join(", "));
    return text;
}

} // namespace perfdash
