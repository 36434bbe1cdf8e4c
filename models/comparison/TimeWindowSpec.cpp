#include "TimeWindowSpec.h"

#include "Duration.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace perfdash {

namespace {
    std::optional<qint64> parseIsoTime(const QString& text)
    {
        // A date and a time; date-only or week forms would be guesses about the time of day.
        static const QRegularExpression shape(
            QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:?\\d{2})?$"));
        if (!shape.match(text).hasMatch())
            return std::nullopt;
        QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid())
            return std::nullopt;
        if (time.timeSpec() == Qt::LocalTime)
            time.setTimeZone(QTimeZone::utc());
        return time.toMSecsSinceEpoch();
    }
}

std::optional<qint64> TimeWindowSpec::parseTime(const QString& text, qint64 nowMs)
{
    const QString trimmed = text.trimmed();
    if (trimmed == u"now")
        return nowMs;
    if (trimmed.startsWith(u'-')) {
        const std::optional<qint64> ago = parseDuration(trimmed.mid(1));
        if (!ago)
            return std::nullopt;
        return nowMs - *ago;
    }
    static const QRegularExpression digits(QStringLiteral("^\\d{1,16}$"));
    if (digits.match(trimmed).hasMatch())
        return trimmed.toLongLong();
    return parseIsoTime(trimmed);
}

std::optional<TimeWindow> TimeWindowSpec::parse(
    const QString& option, const QString& text, qint64 nowMs, QString* error)
{
    const QString prefix = QStringLiteral("%1 \"%2\": ").arg(option, text);
    const QStringList parts = text.split(QStringLiteral(".."));
    if (parts.size() != 2) {
        *error = prefix + QStringLiteral("expected FROM..TO");
        return std::nullopt;
    }
    TimeWindow window;
    for (int i = 0; i < 2; ++i) {
        const std::optional<qint64> time = parseTime(parts[i], nowMs);
        if (!time) {
            *error = prefix
                + QStringLiteral("\"%1\" is not a time (expected ISO 8601, unix ms, now or -DURATION)").arg(parts[i]);
            return std::nullopt;
        }
        (i == 0 ? window.fromMs : window.toMs) = *time;
    }
    if (window.toMs < window.fromMs) {
        *error = prefix + QStringLiteral("the window ends before it starts");
        return std::nullopt;
    }
    if (window.toMs == window.fromMs) {
        *error = prefix + QStringLiteral("the window is empty");
        return std::nullopt;
    }
    return window;
}

WindowPair windowsAroundAnnotation(qint64 annotationStartMs, qint64 annotationEndMs, qint64 widthMs)
{
    return { { annotationStartMs - widthMs, annotationStartMs }, { annotationEndMs, annotationEndMs + widthMs } };
}

} // namespace perfdash
