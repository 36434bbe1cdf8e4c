#pragma once

#include <QString>

namespace perfdash {

// A time axis's tick count and the label format its spacing needs, for QDateTimeAxis.
struct TimeAxisTicks {
    int tickCount = 5;
    QString format = QStringLiteral("HH:mm:ss");
};

// A live panel's range: whole-second tick spacing where the span allows it (4, 5, 3, 6 or 2 intervals,
// in that preference); ticks a fraction of a second apart need milliseconds in their labels, or
// neighbouring labels repeat ("15:36:36" twice).
TimeAxisTicks liveTimeAxisTicks(qint64 spanMs);

// A PromQL panel's range: five ticks, with the day in the labels beyond six hours.
TimeAxisTicks queryTimeAxisTicks(qint64 spanMs);

} // namespace perfdash
