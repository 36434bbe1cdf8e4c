#include "NumberText.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace perfdash {

QByteArray shortestNumberText(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    char buffer[32]; // the longest shortest form is 24 characters (-2.2250738585072014e-308)
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    Q_ASSERT(error == std::errc());
    return QByteArray(buffer, int(end - buffer));
}

QJsonValue jsonNumber(double value)
{
    if (std::isfinite(value))
        return QJsonValue(value);
    return QJsonValue(QString::fromLatin1(shortestNumberText(value)));
}

std::optional<double> numberFromJson(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toDouble();
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString().toLower();
    if (text == u"nan")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == u"+inf" || text == u"inf")
        return std::numeric_limits<double>::infinity();
    if (text == u"-inf")
        return -std::numeric_limits<double>::infinity();
    return std::nullopt;
}

} // namespace perfdash
