#pragma once

#include "TimeWindow.h"

#include <QString>
#include <optional>

namespace perfdash {

struct WindowPair {
    TimeWindow before;
    TimeWindow after;
};

// The windows of `perfdash compare-windows --before FROM..TO --after FROM..TO`. FROM and TO are ISO 8601
// (2026-12-02T07:00:00Z, with or without milliseconds, Z or an offset; without either it is UTC, so a
// command means the same on every machine), unix milliseconds, "now", or a duration before now ("-2h",
// "-90m", "-30s", as parseDuration reads them). Relative times count from nowMs, for deterministic tests.
class TimeWindowSpec {
public:
    // option names the flag in error texts: `--before "-1h..-2h": the window ends before it starts`.
    static std::optional<TimeWindow> parse(const QString& option, const QString& text, qint64 nowMs, QString* error);
    // One FROM or TO; nullopt when it is none of the forms above.
    static std::optional<qint64> parseTime(const QString& text, qint64 nowMs);
};

// The width before an annotation starts and the width after it ends: [start − width, start) and
// [end, end + width), so a deploy that took ten minutes is in neither window.
WindowPair windowsAroundAnnotation(qint64 annotationStartMs, qint64 annotationEndMs, qint64 widthMs);

} // namespace perfdash
