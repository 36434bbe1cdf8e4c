#include "RunComparisonJson.h"

#include "NumberText.h"
#include "ProfileRunJson.h"

#include <QJsonArray>

namespace perfdash {

namespace {
    QString directionName(MetricDirection direction)
    {
        switch (direction) {
        case MetricDirection::HigherIsBetter:
            return QStringLiteral("higher-is-better");
        case MetricDirection::LowerIsBetter:
            return QStringLiteral("lower-is-better");
        case MetricDirection::Informational:
            break;
        }
        return QStringLiteral("informational");
    }
}

QJsonObject RunComparisonJson::runIdentity(const ProfileRun& run)
{
    return QJsonObject { { QStringLiteral("component"), run.settings.component() },
        { QStringLiteral("parameters"), ProfileRunJson::parameters(run) },
        { QStringLiteral("startedAtUtc"),
            run.startedAt.isValid() ? QJsonValue(run.startedAt.toUTC().toString(Qt::ISODateWithMs))
                                    : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("repetitions"), int(run.repetitions.size()) },
        { QStringLiteral("requestedRepetitions"), run.requestedRepetitions },
        { QStringLiteral("cancelled"), run.cancelled } };
}

QJsonObject RunComparisonJson::write(
    const ProfileRun& base, const ProfileRun& candidate, const RunComparison& comparison)
{
    QJsonArray rows;
    for (const MetricComparison& row : comparison.rows()) {
        rows.append(QJsonObject { { QStringLiteral("metric"), row.metric.name },
            { QStringLiteral("label"), row.metric.label }, { QStringLiteral("unit"), row.metric.unit },
            { QStringLiteral("direction"), directionName(row.metric.direction) },
            { QStringLiteral("baseMedian"), jsonNumber(row.baseMedian) },
            { QStringLiteral("newMedian"), jsonNumber(row.newMedian) },
            { QStringLiteral("relativeChangePercent"), jsonNumber(row.relativeChange * 100) },
            { QStringLiteral("pValue"), jsonNumber(row.pValue) }, { QStringLiteral("exact"), row.exact },
            { QStringLiteral("significant"), row.significant }, { QStringLiteral("regression"), row.regression },
            { QStringLiteral("verdict"), row.verdict } });
    }
    return QJsonObject { { QStringLiteral("baseline"), runIdentity(base) },
        { QStringLiteral("compared"), runIdentity(candidate) },
        { QStringLiteral("test"), QStringLiteral("Mann-Whitney U, two-sided, Holm's correction") },
        { QStringLiteral("alpha"), comparison.alpha() }, { QStringLiteral("rows"), rows },
        { QStringLiteral("notes"), QJsonArray::fromStringList(comparison.notes()) },
        { QStringLiteral("regression"), comparison.hasRegression() } };
}

} // namespace perfdash
