#include "CanonicalJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace perfdash {

namespace {
    int keyRank(const QList<QLatin1String>& keyOrder, const QString& key)
    {
        const qsizetype rank = keyOrder.indexOf(key);
        return rank < 0 ? int(keyOrder.size()) : int(rank);
    }

    QByteArray scalarJson(const QJsonValue& value)
    {
        const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }

    void writeValue(QByteArray& out, const QJsonValue& value, int depth, const QList<QLatin1String>& keyOrder)
    {
        const QByteArray indent((depth + 1) * 2, ' ');
        const QByteArray closing(depth * 2, ' ');
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            if (object.isEmpty()) {
                out += "{}";
                return;
            }
            QStringList keys = object.keys();
            std::stable_sort(keys.begin(), keys.end(),
                [&](const QString& a, const QString& b) { return keyRank(keyOrder, a) < keyRank(keyOrder, b); });
            out += "{\n";
            for (qsizetype i = 0; i < keys.size(); ++i) {
                out += indent + scalarJson(keys[i]) + ": ";
                writeValue(out, object.value(keys[i]), depth + 1, keyOrder);
                out += i + 1 < keys.size() ? ",\n" : "\n";
            }
            out += closing + "}";
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (array.isEmpty()) {
                out += "[]";
                return;
            }
            out += "[\n";
            for (qsizetype i = 0; i < array.size(); ++i) {
                out += indent;
                writeValue(out, array[i], depth + 1, keyOrder);
                out += i + 1 < array.size() ? ",\n" : "\n";
            }
            out += closing + "]";
        } else {
            out += scalarJson(value);
        }
    }
}

QByteArray canonicalJson(const QJsonObject& root, const QList<QLatin1String>& keyOrder)
{
    QByteArray out;
    writeValue(out, root, 0, keyOrder);
    out += '\n';
    return out;
}

} // namespace perfdash
