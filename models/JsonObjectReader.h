#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <type_traits>
#include <utility>

namespace perfdash {

// Thrown by the readers of a JSON file format to stop at the first problem, with where it is
// ("panels[3].target: expected a number"). The format's load() catches it; it never leaves there.
struct JsonReadError {
    QString message;
};

[[noreturn]] void failJson(const QString& where, const QString& what);
// "panels[3]" + "target" → "panels[3].target".
QString jsonPath(const QString& parent, const QString& key);
// "line 3, column 14", from a byte offset into the document.
QString jsonLineAndColumn(const QByteArray& json, int offset);

// Reads the known keys of one JSON object, each checked for its type; whatever is left over is the
// object's unknown fields, which a format keeps so an older reader never loses a newer writer's data.
class JsonObjectReader {
public:
    JsonObjectReader(QJsonObject object, QString path);

    QString path(const QString& key) const { return jsonPath(m_path, key); }
    bool has(const QString& key) const { return m_rest.contains(key); }
    QJsonValue take(const QString& key);

    QString string(const QString& key, bool required, const QString& fallback = {});
    QString nonEmptyString(const QString& key);
    // Finite numbers only.
    double number(const QString& key, bool required, double fallback = 0.0);
    bool boolean(const QString& key, bool fallback);
    // A positive duration written as "30s", "15m", "1h" (parseDuration), in ms.
    qint64 duration(const QString& key, qint64 fallback);

    // One of the named choices; without a fallback the key is required.
    template <typename Enum>
    Enum choice(const QString& key, const QList<std::pair<const char*, Enum>>& choices,
        std::type_identity_t<std::optional<Enum>> fallback)
    {
        QStringList names;
        for (const auto& [name, value] : choices)
            names << QStringLiteral("\"%1\"").arg(QLatin1String(name));
        const QString expected = QStringLiteral("expected one of ") + names.join(QStringLiteral(", "));
        if (!has(key)) {
            if (!fallback)
                failJson(path(key), QStringLiteral("missing (%1)").arg(expected));
            return *fallback;
        }
        const QJsonValue value = take(key);
        for (const auto& [name, choiceValue] : choices) {
            if (value.isString() && value.toString() == QLatin1String(name))
                return choiceValue;
        }
        failJson(path(key), expected);
    }

    QJsonObject rest() const { return m_rest; }

private:
    QJsonObject m_rest;
    QString m_path;
};

} // namespace perfdash
