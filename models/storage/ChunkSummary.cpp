#include "ChunkSummary.h"

#include <cmath>

namespace perfdash {

ChunkSummary ChunkSummary::of(const qint64* timestamps, const double* values, std::size_t n)
{
    ChunkSummary summary;
    if (n == 0)
        return summary;
    summary.firstTimestampMs = timestamps[0];
    summary.lastTimestampMs = timestamps[n - 1];
    summary.count = std::uint32_t(n);
    summary.startsNonFinite = !std::isfinite(values[0]);
    summary.endsNonFinite = !std::isfinite(values[n - 1]);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isfinite(values[i]))
            summary.finite.add(timestamps[i], values[i]);
        else
            ++summary.nonFiniteCount;
    }
    return summary;
}

} // namespace perfdash
