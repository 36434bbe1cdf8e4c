#pragma once

#include "BenchSupport.h"
#include "TimeSeriesStore.h"

#include <QString>

namespace perfdash::bench {

// Fills `store` with seriesCount series of `metric` (label series="sN"), pointsPerSeries demo-like points
// each, one per second from startMs. Returns the last timestamp.
inline qint64 fillStore(TimeSeriesStore& store, const QString& metric, int seriesCount, std::size_t pointsPerSeries,
    qint64 startMs = 1'700'000'000'000)
{
    constexpr std::size_t block = 65'536;
    for (int s = 0; s < seriesCount; ++s) {
        const std::vector<double> values = demoLikeValues(pointsPerSeries, std::uint64_t(s) + 1);
        const Labels labels { { QStringLiteral("series"), QStringLiteral("s%1").arg(s) } };
        SampleBatch batch;
        for (std::size_t first = 0; first < pointsPerSeries; first += block) {
            batch.clear();
            for (std::size_t i = first; i < std::min(pointsPerSeries, first + block); ++i)
                batch.push_back({ metric, labels, startMs + qint64(i) * 1000, values[i] });
            store.append(batch);
        }
    }
    return startMs + qint64(pointsPerSeries - 1) * 1000;
}

} // namespace perfdash::bench
