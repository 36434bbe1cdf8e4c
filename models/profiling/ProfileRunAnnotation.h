#pragma once

#include "Annotation.h"
#include "ProfileRun.h"
#include "RunComparison.h"

#include <optional>

namespace perfdash {

// A finished profiling run as a range on the live timeline, from its start to finishedMs: the component,
// its key parameters, the repetitions and the verdict against the pinned baseline, tagged "profiling" and
// the component's name, so it can be compared around like a deploy.
Annotation profileRunAnnotation(
    const ProfileRun& run, qint64 finishedMs, const std::optional<RunComparison>& againstBaseline);

} // namespace perfdash
