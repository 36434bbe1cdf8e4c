#include "RunComparison.h"

#include "HolmCorrection.h"
#include "MannWhitney.h"
#include "ValueFormat.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    QString verdictFor(const MetricComparison& row, bool candidateLarger)
    {
        if (!row.significant)
            return QStringLiteral("no detectable change");
        if (row.metric.direction == MetricDirection::Informational)
            return candidateLarger ? QStringLiteral("higher, significant") : QStringLiteral("lower, significant");
        const bool better = (row.metric.direction == MetricDirection::HigherIsBetter) == candidateLarger;
        if (row.metric.speed)
            return better ? QStringLiteral("faster, significant") : QStringLiteral("slower, significant");
        return better ? QStringLiteral("better, significant") : QStringLiteral("worse, significant");
    }

    QString tableValue(double value, const QString& unit)
    {
        if (std::isnan(value))
            return QStringLiteral("–");
        const QString text = formatNumber(value, 4);
        return unit.isEmpty() ? text : text + u' ' + unit;
    }

    QString padded(const QString& text, int width) { return text.leftJustified(width, u' '); }
}

std::optional<RunComparison> RunComparison::compare(
    const ProfileRun& base, const ProfileRun& candidate, double alpha, QString* error)
{
    if (base.settings.component() != candidate.settings.component()) {
        *error = QStringLiteral("cannot compare a %1 run with a %2 run")
                     .arg(base.settings.component(), candidate.settings.component());
        return std::nullopt;
    }
    if (base.repetitions.isEmpty() || candidate.repetitions.isEmpty()) {
        *error = QStringLiteral("the %1 run has no repetitions").arg(base.repetitions.isEmpty() ? "base" : "new");
        return std::nullopt;
    }
    if (!(alpha > 0 && alpha < 1)) {
        *error = QStringLiteral("alpha must be between 0 and 1, not %1").arg(alpha);
        return std::nullopt;
    }

    RunComparison comparison;
    comparison.m_alpha = alpha;
    const auto fewest = std::min(base.repetitions.size(), candidate.repetitions.size());
    if (fewest < recommendedRepetitions) {
        comparison.m_notes << QStringLiteral("warning: only %1 repetitions; with fewer than %2 the test can miss "
                                             "real changes (use --repetitions 10 or more)")
                                  .arg(fewest)
                                  .arg(recommendedRepetitions);
    }
    if (base.cancelled || candidate.cancelled)
        comparison.m_notes << QStringLiteral("warning: the %1 run was cancelled before all its repetitions")
                                  .arg(base.cancelled ? "base" : "new");
    const auto& baseValues = base.settings.values();
    for (auto it = candidate.settings.values().begin(); it != candidate.settings.values().end(); ++it) {
        if (baseValues.value(it.key()) != it.value())
            comparison.m_notes
                << QStringLiteral("parameter %1: %2 → %3").arg(it.key(), baseValues.value(it.key()), *it);
    }

    const QStringList baseMetrics = base.metricNames();
    std::vector<bool> candidateLarger;
    for (const QString& name : candidate.metricNames()) {
        if (!baseMetrics.contains(name))
            continue;
        MetricComparison row;
        row.metric = *ProfileMetric::find(name);
        const QList<double> before = base.values(name);
        const QList<double> after = candidate.values(name);
        row.baseMedian = base.median(name);
        row.newMedian = candidate.median(name);
        row.relativeChange = row.baseMedian == 0 ? std::numeric_limits<double>::quiet_NaN()
                                                 : (row.newMedian - row.baseMedian) / std::abs(row.baseMedian);
        const MannWhitney::Result test = MannWhitney::test(after, before);
        row.pValue = test.pValue;
        row.exact = test.exact;
        candidateLarger.push_back(test.u > double(after.size()) * double(before.size()) / 2.0);
        comparison.m_rows << row;
    }

    // Holm's step-down correction: a run reports many metrics, and a CI gate must not fail on one of
    // them by chance. Informational metrics (offline references) are tested alone.
    std::vector<int> directed;
    std::vector<double> directedP;
    for (int i = 0; i < comparison.m_rows.size(); ++i) {
        MetricComparison& row = comparison.m_rows[i];
        if (row.metric.direction == MetricDirection::Informational) {
            row.significant = row.pValue <= alpha;
        } else {
            directed.push_back(i);
            directedP.push_back(row.pValue);
        }
    }
    const std::vector<bool> holm = HolmCorrection::significant(directedP, alpha);
    for (std::size_t k = 0; k < directed.size(); ++k)
        comparison.m_rows[directed[k]].significant = holm[k];
    for (int i = 0; i < comparison.m_rows.size(); ++i) {
        MetricComparison& row = comparison.m_rows[i];
        row.verdict = verdictFor(row, candidateLarger[std::size_t(i)]);
        row.regression = row.significant && row.metric.direction != MetricDirection::Informational
            && (row.metric.direction == MetricDirection::HigherIsBetter) != candidateLarger[std::size_t(i)];
    }
    return comparison;
}

bool RunComparison::hasRegression() const
{
    return std::any_of(m_rows.begin(), m_rows.end(), [](const MetricComparison& row) { return row.regression; });
}

QString RunComparison::toText() const
{
    QString text;
    for (const QString& note : m_notes)
        text += note + u'\n';
    text += padded(QStringLiteral("metric"), 38) + padded(QStringLiteral("base (median)"), 16)
        + padded(QStringLiteral("new (median)"), 16) + padded(QStringLiteral("change"), 10)
        + padded(QStringLiteral("p"), 10) + QStringLiteral("verdict\n");
    for (const MetricComparison& row : m_rows) {
        const QString change = std::isnan(row.relativeChange)
            ? QStringLiteral("–")
            : QStringLiteral("%1%2 %").arg(row.relativeChange >= 0 ? "+" : "").arg(row.relativeChange * 100, 0, 'f', 1);
        text += padded(row.metric.label, 38) + padded(tableValue(row.baseMedian, row.metric.unit), 16)
            + padded(tableValue(row.newMedian, row.metric.unit), 16) + padded(change, 10)
            + padded(QString::number(row.pValue, 'g', 3) + (row.exact ? QString() : QStringLiteral("~")), 10)
            + row.verdict + (row.regression ? QStringLiteral("  ← regression") : QString()) + u'\n';
    }
    text += QStringLiteral("Mann–Whitney U, two-sided, alpha %1 with Holm's correction; ~ marks the normal "
                           "approximation (ties or more than %2 repetitions).\n")
                .arg(m_alpha)
                .arg(MannWhitney::exactLimit);
    text += hasRegression() ? QStringLiteral("result: regression\n") : QStringLiteral("result: no regression\n");
    return text;
}

} // namespace perfdash
