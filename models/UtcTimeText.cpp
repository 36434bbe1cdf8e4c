#include "UtcTimeText.h"

#include <QDateTime>

namespace perfdash {

QString utcTimeText(qint64 unixMs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(unixMs, Qt::UTC);
    return time.toString(unixMs % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

ParsedUtcTime parseUtcTime(const QString& text)
{
    const QString quoted = QStringLiteral("\"%1\"").arg(text);
    // Qt also reads a bare date as midnight; a mark on the time axis needs its time of day.
    const QDateTime time
        = text.contains(QLatin1Char('T')) ? QDateTime::fromString(text, Qt::ISODateWithMs) : QDateTime();
    if (!time.isValid())
        return { std::nullopt, quoted + QStringLiteral(" is not an ISO 8601 time") };
    if (time.timeSpec() == Qt::LocalTime)
        return { std::nullopt, quoted + QStringLiteral(" has no time zone (end it with Z for UTC)") };
    const qint64 unixMs = time.toMSecsSinceEpoch();
    if (unixMs < earliestFileTimeMs || unixMs > latestFileTimeMs)
        return { std::nullopt, quoted + QStringLiteral(" is outside 1970 to 9999") };
    return { unixMs, QString() };
}

} // namespace perfdash
