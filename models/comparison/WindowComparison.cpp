#include "WindowComparison.h"

#include "BlockMeans.h"
#include "HolmCorrection.h"
#include "MannWhitney.h"
#include "ValueFormat.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();

    QList<double> finiteOnly(const QList<double>& values, int* nonFinite)
    {
        QList<double> finite;
        finite.reserve(values.size());
        for (double value : values) {
            if (std::isfinite(value))
                finite << value;
        }
        *nonFinite = int(values.size() - finite.size());
        return finite;
    }

    // after/|before| − sign(before) is (after − before)/|before| without forming the difference, which
    // overflows between −1e308 and 1e308.
    double relativeChangeOf(double before, double after)
    {
        if (before == 0 || std::isnan(before) || std::isnan(after))
            return notANumber;
        return after / std::abs(before) - std::copysign(1.0, before);
    }

    bool isBetter(Direction direction, double before, double after)
    {
        return direction == Direction::LowerIsBetter ? after < before : after > before;
    }

    // Inclusive, with room for rounding: 1 s → 0.8 s is a change of −0.19999999999999996.
    bool changeReaches(Direction direction, double change, double goal)
    {
        const double needed = goal * (1 - 1e-9);
        return direction == Direction::LowerIsBetter ? change <= -needed : change >= needed;
    }

    QString methodText(int blockLength, double lag1, double varianceFactor)
    {
        const QString lag = QString::number(lag1, 'f', 2);
        QString text = blockLength > 1
            ? QStringLiteral("Mann–Whitney on non-overlapping block means, block %1 samples (lag-1 autocorrelation %2)")
                  .arg(blockLength)
                  .arg(lag)
            : QStringLiteral("Mann–Whitney on the raw points (lag-1 autocorrelation %1)").arg(lag);
        if (varianceFactor > 1)
            text += QStringLiteral(", variance widened ×%1 for the correlation left").arg(varianceFactor, 0, 'f', 2);
        return text;
    }

    // Significance, direction, verdict and goal from the (adjusted) p-value.
    void decide(SeriesWindowComparison& row, Direction direction, const WindowComparisonSettings& settings)
    {
        if (!row.hasVerdict) {
            row.significant = row.improved = row.regressed = row.reachesGoal = false;
            return;
        }
        row.significant = row.adjustedPValue <= settings.alpha;
        const bool better = (direction == Direction::HigherIsBetter) == row.afterTendsHigher;
        row.improved = row.significant && better;
        row.regressed = row.significant && !better;
        row.verdict = row.improved ? QStringLiteral("improved, significant")
            : row.regressed        ? QStringLiteral("worse, significant")
                                   : QStringLiteral("no detectable change");
        row.reachesGoal = row.improved && changeReaches(direction, row.relativeChange, settings.goal);
    }

    QString padded(const QString& text, int width) { return text.leftJustified(width, u' '); }
}

SeriesWindowComparison WindowComparison::compareSeries(const QString& series, const QList<double>& before,
    const QList<double>& after, const TargetSpec& target, const WindowComparisonSettings& settings)
{
    SeriesWindowComparison row;
    row.series = series;
    const QList<double> beforeValues = finiteOnly(before, &row.beforeNonFinite);
    const QList<double> afterValues = finiteOnly(after, &row.afterNonFinite);
    row.beforeCount = int(beforeValues.size());
    row.afterCount = int(afterValues.size());

    row.before = BoxFigures::of(beforeValues);
    row.after = BoxFigures::of(afterValues);
    row.relativeChange = relativeChangeOf(row.before.median, row.after.median);
    row.changeInBetterDirection = isBetter(target.direction, row.before.median, row.after.median);
    row.meetsTarget = evaluateTarget(target, row.after.median).met;

    row.lag1Autocorrelation = BlockMeans::pooledLag1Autocorrelation({ beforeValues, afterValues });
    row.blockLength
        = BlockMeans::blockLength(row.lag1Autocorrelation, int(std::max(beforeValues.size(), afterValues.size())));
    row.varianceFactor = BlockMeans::varianceFactor(row.lag1Autocorrelation, row.blockLength);
    row.method = methodText(row.blockLength, row.lag1Autocorrelation, row.varianceFactor);
    const QList<double> beforeBlocks = BlockMeans::of(beforeValues, row.blockLength);
    const QList<double> afterBlocks = BlockMeans::of(afterValues, row.blockLength);
    row.beforeEffective = int(beforeBlocks.size());
    row.afterEffective = int(afterBlocks.size());

    row.hasVerdict = row.beforeEffective >= minimumEffectiveSamples && row.afterEffective >= minimumEffectiveSamples;
    if (!row.hasVerdict) {
        row.verdict = QStringLiteral("too few independent samples (%1 before, %2 after): no verdict")
                          .arg(row.beforeEffective)
                          .arg(row.afterEffective);
        return row;
    }
    // Mann–Whitney rather than Welch's t: latencies are skewed and heavy-tailed even after averaging
    // blocks, and ranks let one absurd value count as one value, not as the whole mean.
    const MannWhitney::Result test = MannWhitney::test(afterBlocks, beforeBlocks);
    row.afterTendsHigher = test.u > double(afterBlocks.size()) * double(beforeBlocks.size()) / 2.0;
    row.pValue = row.varianceFactor > 1 ? std::erfc(std::abs(test.z) / std::sqrt(2 * row.varianceFactor)) : test.pValue;
    row.adjustedPValue = row.pValue;
    decide(row, target.direction, settings);
    return row;
}

void WindowComparison::applyHolm(QList<PanelWindowComparison>& panels, const WindowComparisonSettings& settings)
{
    std::vector<double> family;
    for (const PanelWindowComparison& panel : panels) {
        for (const SeriesWindowComparison& row : panel.series) {
            if (row.hasVerdict)
                family.push_back(row.pValue);
        }
    }
    const std::vector<double> adjusted = HolmCorrection::adjust(family);
    std::size_t next = 0;
    for (PanelWindowComparison& panel : panels) {
        for (SeriesWindowComparison& row : panel.series) {
            if (row.hasVerdict)
                row.adjustedPValue = adjusted[next++];
            decide(row, panel.target.direction, settings);
        }
    }
}

WindowComparison WindowComparison::compare(const QList<PanelWindowValues>& panels, const TimeWindow& before,
    const TimeWindow& after, const WindowComparisonSettings& settings)
{
    WindowComparison comparison;
    comparison.m_before = before;
    comparison.m_after = after;
    comparison.m_settings = settings;
    for (const PanelWindowValues& panel : panels) {
        PanelWindowComparison result { panel.title, panel.target, {} };
        for (const SeriesWindowValues& series : panel.series)
            result.series << compareSeries(series.series, series.before, series.after, panel.target, settings);
        comparison.m_panels << result;
    }
    applyHolm(comparison.m_panels, settings);
    return comparison;
}

QList<double> WindowComparison::valuesIn(const QList<TimedValue>& points, const TimeWindow& window)
{
    QList<TimedValue> inside;
    std::copy_if(points.begin(), points.end(), std::back_inserter(inside),
        [&](const TimedValue& point) { return window.contains(point.timestampMs); });
    std::stable_sort(inside.begin(), inside.end(),
        [](const TimedValue& x, const TimedValue& y) { return x.timestampMs < y.timestampMs; });
    QList<double> values;
    values.reserve(inside.size());
    for (const TimedValue& point : inside)
        values << point.value;
    return values;
}

QString WindowComparison::toText() const
{
    QString text = padded(QStringLiteral("series"), 40) + padded(QStringLiteral("before (median)"), 16)
        + padded(QStringLiteral("after (median)"), 16) + padded(QStringLiteral("change"), 10)
        + padded(QStringLiteral("block"), 7) + padded(QStringLiteral("n eff"), 9) + padded(QStringLiteral("lag-1"), 7)
        + padded(QStringLiteral("p (Holm)"), 10) + padded(QStringLiteral("target"), 9)
        + padded(QStringLiteral("goal"), 6) + QStringLiteral("verdict\n");
    QStringList notes;
    for (const PanelWindowComparison& panel : m_panels) {
        text += panel.target.hasTarget()
            ? QStringLiteral("%1 (%2 %3)\n")
                  .arg(panel.title, directionSymbol(panel.target.direction), formatNumber(panel.target.target, 4))
            : QStringLiteral("%1 (no target)\n").arg(panel.title);
        for (const SeriesWindowComparison& row : panel.series) {
            const QString name = QStringLiteral("  ") + (row.series.isEmpty() ? QStringLiteral("(value)") : row.series);
            text += padded(name, 40) + padded(formatNumber(row.before.median, 4), 16)
                + padded(formatNumber(row.after.median, 4), 16)
                + padded(formatPercentChange(row.relativeChange * 100), 10)
                + padded(QString::number(row.blockLength), 7)
                + padded(QStringLiteral("%1/%2").arg(row.beforeEffective).arg(row.afterEffective), 9)
                + padded(QString::number(row.lag1Autocorrelation, 'f', 2), 7)
                + padded(row.hasVerdict ? QString::number(row.adjustedPValue, 'g', 3) : QStringLiteral("–"), 10)
                + padded(!panel.target.hasTarget() ? QStringLiteral("—")
                        : row.meetsTarget          ? QStringLiteral("met")
                                                   : QStringLiteral("not met"),
                    9)
                + padded(row.reachesGoal ? QStringLiteral("yes") : QStringLiteral("no"), 6) + row.verdict + u'\n';
            if (row.beforeNonFinite + row.afterNonFinite > 0)
                notes << QStringLiteral("note: %1: %2 non-finite values left out (%3 before, %4 after)")
                             .arg(name.trimmed())
                             .arg(row.beforeNonFinite + row.afterNonFinite)
                             .arg(row.beforeNonFinite)
                             .arg(row.afterNonFinite);
        }
    }
    for (const QString& note : notes)
        text += note + u'\n';
    qsizetype family = 0;
    for (const PanelWindowComparison& panel : m_panels)
        family += std::count_if(
            panel.series.begin(), panel.series.end(), [](const SeriesWindowComparison& row) { return row.hasVerdict; });
    text += QStringLiteral("Mann–Whitney U, two-sided, on non-overlapping block means (block length from the lag-1 "
                           "autocorrelation), alpha %1 with Holm's correction over %2 series; goal %3 % better; "
                           "no verdict below %4 blocks per window.\n")
                .arg(m_settings.alpha)
                .arg(family)
                .arg(m_settings.goal * 100)
                .arg(minimumEffectiveSamples);
    return text;
}

} // namespace perfdash
