#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>

namespace perfdash {

// JSON for files people read and diff: two-space indent, one key per line, keys in keyOrder first (a
// file should open with its version and name) and the rest alphabetically. QJsonDocument sorts all keys.
QByteArray canonicalJson(const QJsonObject& root, const QList<QLatin1String>& keyOrder);

} // namespace perfdash
