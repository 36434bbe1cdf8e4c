#pragma once

#include "WindowComparison.h"

#include <QJsonObject>

namespace perfdash {

// The JSON form of a window comparison, as a snapshot bundle's manifest.json carries it under
// "windowComparison". Numbers go through jsonNumber(): NaN and ±Inf are the strings "NaN", "+Inf", "-Inf".
// A series without a verdict (too few independent samples) has null p-values: none was computed that counts.
class WindowComparisonJson {
public:
    static QJsonObject write(const WindowComparison& comparison);
    // {"fromUtc": ISO 8601 with ms, "toUtc": …, "fromMs": unix ms, "toMs": …}
    static QJsonObject window(const TimeWindow& window);
};

} // namespace perfdash
