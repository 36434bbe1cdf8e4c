#include "WindowComparisonJson.h"

#include "NumberText.h"

#include <QDateTime>
#include <QJsonArray>

namespace perfdash {

namespace {
    QJsonObject boxJson(const BoxFigures& box)
    {
        return QJsonObject { { QStringLiteral("min"), jsonNumber(box.min) },
            { QStringLiteral("q1"), jsonNumber(box.q1) }, { QStringLiteral("median"), jsonNumber(box.median) },
            { QStringLiteral("q3"), jsonNumber(box.q3) }, { QStringLiteral("max"), jsonNumber(box.max) } };
    }

    QJsonObject seriesJson(const SeriesWindowComparison& row)
    {
        return QJsonObject { { QStringLiteral("series"), row.series },
            { QStringLiteral("count"),
                QJsonObject {
                    { QStringLiteral("before"), row.beforeCount }, { QStringLiteral("after"), row.afterCount } } },
            { QStringLiteral("nonFinite"),
                QJsonObject { { QStringLiteral("before"), row.beforeNonFinite },
                    { QStringLiteral("after"), row.afterNonFinite } } },
            { QStringLiteral("effectiveCount"),
                QJsonObject { { QStringLiteral("before"), row.beforeEffective },
                    { QStringLiteral("after"), row.afterEffective } } },
            { QStringLiteral("beforeMedian"), jsonNumber(row.before.median) },
            { QStringLiteral("afterMedian"), jsonNumber(row.after.median) },
            { QStringLiteral("relativeChangePercent"), jsonNumber(row.relativeChange * 100) },
            { QStringLiteral("changeInBetterDirection"), row.changeInBetterDirection },
            { QStringLiteral("method"), row.method }, { QStringLiteral("blockLength"), row.blockLength },
            { QStringLiteral("lag1Autocorrelation"), jsonNumber(row.lag1Autocorrelation) },
            { QStringLiteral("varianceFactor"), jsonNumber(row.varianceFactor) },
            { QStringLiteral("hasVerdict"), row.hasVerdict },
            { QStringLiteral("pValue"), row.hasVerdict ? jsonNumber(row.pValue) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("adjustedPValue"),
                row.hasVerdict ? jsonNumber(row.adjustedPValue) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("significant"), row.significant }, { QStringLiteral("improved"), row.improved },
            { QStringLiteral("regressed"), row.regressed }, { QStringLiteral("verdict"), row.verdict },
            { QStringLiteral("meetsTarget"), row.meetsTarget }, { QStringLiteral("reachesGoal"), row.reachesGoal },
            { QStringLiteral("box"),
                QJsonObject { { QStringLiteral("before"), boxJson(row.before) },
                    { QStringLiteral("after"), boxJson(row.after) } } } };
    }

    QString utcText(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(Qt::ISODateWithMs); // "…Z"
    }
}

QJsonObject WindowComparisonJson::window(const TimeWindow& window)
{
    return QJsonObject { { QStringLiteral("fromUtc"), utcText(window.fromMs) },
        { QStringLiteral("toUtc"), utcText(window.toMs) }, { QStringLiteral("fromMs"), window.fromMs },
        { QStringLiteral("toMs"), window.toMs } };
}

QJsonObject WindowComparisonJson::write(const WindowComparison& comparison)
{
    QJsonArray panels;
    for (const PanelWindowComparison& panel : comparison.panels()) {
        QJsonArray series;
        for (const SeriesWindowComparison& row : panel.series)
            series.append(seriesJson(row));
        panels.append(QJsonObject { { QStringLiteral("title"), panel.title },
            { QStringLiteral("target"),
                QJsonObject { { QStringLiteral("baseline"), jsonNumber(panel.target.baseline) },
                    { QStringLiteral("target"), jsonNumber(panel.target.target) },
                    { QStringLiteral("direction"),
                        panel.target.direction == Direction::LowerIsBetter ? QStringLiteral("lower-is-better")
                                                                           : QStringLiteral("higher-is-better") } } },
            { QStringLiteral("series"), series } });
    }
    return QJsonObject { { QStringLiteral("method"),
                             QStringLiteral("Mann-Whitney U, two-sided, on non-overlapping block means (block length "
                                            "from the lag-1 autocorrelation), Holm's correction over all series") },
        { QStringLiteral("alpha"), comparison.settings().alpha },
        { QStringLiteral("goal"), comparison.settings().goal },
        { QStringLiteral("minimumEffectiveSamples"), WindowComparison::minimumEffectiveSamples },
        { QStringLiteral("before"), window(comparison.before()) },
        { QStringLiteral("after"), window(comparison.after()) }, { QStringLiteral("panels"), panels } };
}

} // namespace perfdash
