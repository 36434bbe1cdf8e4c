#pragma once

#include <QString>
#include <QtGlobal>
#include <optional>

namespace perfdash {

// Times in files people read and diff: ISO 8601 in UTC, "2026-12-02T07:00:00Z", with milliseconds only
// when there are some ("2026-12-02T07:00:00.250Z").
QString utcTimeText(qint64 unixMs);

struct ParsedUtcTime {
    std::optional<qint64> unixMs;
    QString problem; // why not, when unixMs is empty: "is not an ISO 8601 time", ...
};

// Reads what utcTimeText writes, and any ISO 8601 time with an explicit zone ("+01:00"). A time without a
// zone is refused: read as local time it would move with the reader's machine.
ParsedUtcTime parseUtcTime(const QString& text);

// The range a file's times may take: ISO 8601's four-digit years, from the epoch on.
constexpr qint64 earliestFileTimeMs = 0;
constexpr qint64 latestFileTimeMs = 253'402'300'799'999; // 9999-12-31T23:59:59.999Z

} // namespace perfdash
