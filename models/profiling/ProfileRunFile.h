#pragma once

#include "ProfileRun.h"

#include <QString>
#include <optional>

namespace perfdash {

// A profiling run as a file in its JSON form (ProfileRunJson), for the Profiling tab and the profile and
// compare commands alike. Errors name the file first: "runs/a.json: cannot read: No such file or directory".

// Written atomically (QSaveFile): a failed save leaves the old file as it was.
bool writeProfileRunFile(const ProfileRun& run, const QString& path, QString* error);
std::optional<ProfileRun> readProfileRunFile(const QString& path, QString* error);

} // namespace perfdash
