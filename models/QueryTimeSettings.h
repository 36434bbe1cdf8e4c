#pragma once

#include <QtGlobal>

namespace perfdash {

// The time range and refresh of PromQL panels: "last N" or an absolute from/to, shown in UTC or local time.
struct QueryTimeSettings {
    qint64 lastMs = 15 * 60 * 1000; // used unless absolute
    bool absolute = false;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    bool utc = false;
    int refreshMs = 15'000; // 0 = off

    // The range to query when the clock reads nowMs.
    qint64 rangeFromMs(qint64 nowMs) const { return absolute ? fromMs : nowMs - lastMs; }
    qint64 rangeToMs(qint64 nowMs) const { return absolute ? toMs : nowMs; }
    bool operator==(const QueryTimeSettings&) const = default;
};

// Prometheus refuses more than 11,000 points per series.
constexpr int maxPointsPerSeries = 11'000;

// The range-query step in seconds: the user's override when given, else about one point per pixel column;
// never so small that a series would exceed maxPointsPerSeries, never below 1 ms.
double queryStepSeconds(qint64 rangeMs, int pixelColumns, double overrideSeconds);

} // namespace perfdash
