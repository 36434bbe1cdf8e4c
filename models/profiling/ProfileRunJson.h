#pragma once

#include "ProfileRun.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonObject>
#include <optional>

namespace perfdash {

// The documented JSON form of a profiling run (README, "Profiling"), written by `perfdash profile`
// and by the GUI, read by `perfdash compare` and the GUI's baseline.
class ProfileRunJson {
public:
    static constexpr int version = 1;

    static QByteArray write(const ProfileRun& run);
    // The same as an object, for files that hold runs (a sweep's points).
    static QJsonObject toObject(const ProfileRun& run);
    // The run's workload parameters as typed JSON values, as write() puts them under "parameters".
    static QJsonObject parameters(const ProfileRun& run);
    // nullopt with *error naming the offending field (`repetitions[2].metrics.hit_ratio: …`).
    static std::optional<ProfileRun> read(const QByteArray& json, QString* error);
};

} // namespace perfdash
