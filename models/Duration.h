#pragma once

#include <QString>
#include <optional>

namespace perfdash {

// Durations as people write them in files and on the command line: "250ms", "90s", "15m", "1h", "2d".
// Milliseconds; nullopt for anything else ("off" is not a duration).
std::optional<qint64> parseDuration(const QString& text);
// The shortest exact spelling: 900000 → "15m", 90000 → "90s"; parseDuration reads it back.
QString formatDuration(qint64 milliseconds);

} // namespace perfdash
