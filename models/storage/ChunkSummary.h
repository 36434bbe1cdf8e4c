#pragma once

#include "FiniteExtremes.h"

#include <QtGlobal>
#include <cstddef>
#include <cstdint>

namespace perfdash {

// What queries need of a sealed chunk without decoding it.
struct ChunkSummary {
    qint64 firstTimestampMs = 0;
    qint64 lastTimestampMs = 0;
    FiniteExtremes finite;
    std::uint32_t count = 0;
    std::uint32_t nonFiniteCount = 0;
    // Where a line drawn through the chunk breaks: before its first finite sample, after its last one.
    bool startsNonFinite = false;
    bool endsNonFinite = false;

    static ChunkSummary of(const qint64* timestamps, const double* values, std::size_t n);
};

} // namespace perfdash
