#pragma once

#include "TimedValue.h"

namespace perfdash {

// First, smallest, largest and last finite point of a stretch of a series: what M4 keeps of a pixel
// column and what a sealed chunk's summary keeps of its samples. Points must arrive in time order;
// ties keep the earliest point so that merged pieces agree with a single pass over the raw data.
struct FiniteExtremes {
    TimedValue first;
    TimedValue min;
    TimedValue max;
    TimedValue last;
    bool empty = true;

    void add(qint64 timestampMs, double value)
    {
        const TimedValue point { timestampMs, value };
        if (empty) {
            first = min = max = last = point;
            empty = false;
            return;
        }
        if (value < min.value)
            min = point;
        if (value > max.value)
            max = point;
        last = point;
    }

    // later must lie entirely after everything added so far.
    void merge(const FiniteExtremes& later)
    {
        if (later.empty)
            return;
        if (empty) {
            *this = later;
            return;
        }
        if (later.min.value < min.value)
            min = later.min;
        if (later.max.value > max.value)
            max = later.max;
        last = later.last;
    }
};

} // namespace perfdash
