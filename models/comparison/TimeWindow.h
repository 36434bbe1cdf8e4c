#pragma once

#include <QtGlobal>

namespace perfdash {

// A span of time to compare: samples with fromMs ≤ t < toMs (unix milliseconds). Half-open, so a
// sample exactly at the boundary between "before" and "after" belongs to "after" only.
struct TimeWindow {
    qint64 fromMs = 0;
    qint64 toMs = 0;

    bool contains(qint64 timeMs) const { return timeMs >= fromMs && timeMs < toMs; }
    bool operator==(const TimeWindow&) const = default;
};

} // namespace perfdash
