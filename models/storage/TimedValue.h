#pragma once

#include <QtGlobal>

namespace perfdash {

// One point of a series inside the store: unix milliseconds and the raw value. subMsNanos (see Sample)
// only orders points on their way in; chunks keep milliseconds.
struct TimedValue {
    qint64 timestampMs = 0;
    double value = 0.0;
    qint32 subMsNanos = 0;
};

} // namespace perfdash
