#pragma once

#include "ProfileRun.h"
#include "RunComparison.h"

#include <QJsonObject>

namespace perfdash {

// The JSON form of a comparison table, as the snapshot bundle's manifest.json carries it under
// "profilingComparison" (README, "Snapshot bundle"). Numbers that are not finite (a relative change
// over a zero base) are written as null: JSON has no NaN.
class RunComparisonJson {
public:
    static QJsonObject write(const ProfileRun& base, const ProfileRun& candidate, const RunComparison& comparison);
    // The identity of a run a reader needs: component, parameters, start time, repetitions kept and asked for.
    static QJsonObject runIdentity(const ProfileRun& run);
};

} // namespace perfdash
