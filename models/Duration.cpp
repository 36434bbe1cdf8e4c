#include "Duration.h"

#include <QRegularExpression>
#include <utility>

namespace perfdash {

std::optional<qint64> parseDuration(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,9})(ms|s|m|h|d)$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 count = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 unitMs = unit == u"ms" ? 1
        : unit == u"s"                  ? 1000
        : unit == u"m"                  ? 60'000
        : unit == u"h"                  ? 3'600'000
                                        : 86'400'000;
    return count * unitMs;
}

QString formatDuration(qint64 milliseconds)
{
    const std::pair<qint64, const char*> units[]
        = { { 86'400'000, "d" }, { 3'600'000, "h" }, { 60'000, "m" }, { 1000, "s" }, { 1, "ms" } };
    for (const auto& [unitMs, name] : units) {
        if (milliseconds != 0 && milliseconds % unitMs == 0)
            return QString::number(milliseconds / unitMs) + QLatin1String(name);
    }
    return QStringLiteral("0s");
}

} // namespace perfdash
