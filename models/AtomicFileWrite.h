#pragma once

#include <QByteArray>
#include <QString>

namespace perfdash {

// Writes content to path through QSaveFile: the old file stays whole unless the new one was written
// completely. False with *error naming the path and the reason.
bool writeFileAtomically(const QString& path, const QByteArray& content, QString* error);

} // namespace perfdash
