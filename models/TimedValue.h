#pragma once

#include <QtGlobal>

namespace perfdash {

// One point of a series inside the store: unix milliseconds and the raw value.
struct TimedValue {
    qint64 timestampMs = 0;
    double value = 0.0;
};

} // namespace perfdash
