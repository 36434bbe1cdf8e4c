#pragma once

#include "ProfileRun.h"

#include <QString>
#include <optional>

namespace perfdash {

// A profiling run as a file in its JSON form (ProfileRunJson), kept out of the widgets that ask for one.
// Errors come back as the sentence the Profiling tab shows, naming the file.

// Written atomically (QSaveFile): a failed save leaves the old file as it was.
bool writeProfileRunFile(const ProfileRun& run, const QString& path, QString* error);
std::optional<ProfileRun> readProfileRunFile(const QString& path, QString* error);

} // namespace perfdash
