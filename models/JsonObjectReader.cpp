#include "JsonObjectReader.h"

#include "Duration.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

void failJson(const QString& where, const QString& what)
{
    throw JsonReadError { where.isEmpty() ? what : where + QStringLiteral(": ") + what };
}

QString jsonPath(const QString& parent, const QString& key)
{
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString jsonLineAndColumn(const QByteArray& json, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < std::min<int>(offset, json.size()); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

JsonObjectReader::JsonObjectReader(QJsonObject object, QString path)
    : m_rest(std::move(object))
    , m_path(std::move(path))
{
}

QJsonValue JsonObjectReader::take(const QString& key)
{
    QJsonValue value = m_rest.value(key);
    m_rest.remove(key);
    return value;
}

QString JsonObjectReader::string(const QString& key, bool required, const QString& fallback)
{
    if (!has(key)) {
        if (required)
            failJson(path(key), QStringLiteral("missing (expected a string)"));
        return fallback;
    }
    const QJsonValue value = take(key);
    if (!value.isString())
        failJson(path(key), QStringLiteral("expected a string"));
    return value.toString();
}

QString JsonObjectReader::nonEmptyString(const QString& key)
{
    QString text = string(key, true).trimmed();
    if (text.isEmpty())
        failJson(path(key), QStringLiteral("must not be empty"));
    return text;
}

double JsonObjectReader::number(const QString& key, bool required, double fallback)
{
    if (!has(key)) {
        if (required)
            failJson(path(key), QStringLiteral("missing (expected a number)"));
        return fallback;
    }
    const QJsonValue value = take(key);
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        failJson(path(key), QStringLiteral("expected a number"));
    return value.toDouble();
}

bool JsonObjectReader::boolean(const QString& key, bool fallback)
{
    if (!has(key))
        return fallback;
    const QJsonValue value = take(key);
    if (!value.isBool())
        failJson(path(key), QStringLiteral("expected true or false"));
    return value.toBool();
}

qint64 JsonObjectReader::duration(const QString& key, qint64 fallback)
{
    if (!has(key))
        return fallback;
    const QJsonValue value = take(key);
    const auto parsed = value.isString() ? parseDuration(value.toString()) : std::nullopt;
    if (!parsed || *parsed <= 0)
        failJson(path(key), QStringLiteral("expected a duration like \"30s\", \"15m\" or \"1h\""));
    return *parsed;
}

} // namespace perfdash
