#pragma once

#include "Annotation.h"
#include "RunHistory.h"

namespace perfdash {

// A history's change points as marks on the live timeline: a point at the start of the first run after
// each change, saying what changed by how much, tagged "profiling", "change point" and the component.
// Runs without a start time have no place on a timeline and give no mark.
QList<Annotation> changePointAnnotations(const RunHistory& history);

} // namespace perfdash
