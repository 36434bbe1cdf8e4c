#include "CounterRate.h"

#include <algorithm>

namespace perfdash {

std::optional<double> counterRate(std::span<const LatestSample> samples, qint64 rangeStartMs, qint64 rangeEndMs)
{
    const auto first = std::lower_bound(samples.begin(), samples.end(), rangeStartMs,
        [](const LatestSample& sample, qint64 timeMs) { return sample.timestampMs < timeMs; });
    const auto end = std::upper_bound(first, samples.end(), rangeEndMs,
        [](qint64 timeMs, const LatestSample& sample) { return timeMs < sample.timestampMs; });
    const std::span<const LatestSample> window(first, end);
    if (window.size() < 2 || rangeEndMs <= rangeStartMs)
        return std::nullopt;

    double increase = window.back().value - window.front().value;
    for (std::size_t i = 1; i < window.size(); ++i)
        if (window[i].value < window[i - 1].value)
            increase += window[i - 1].value;

    double toStart = double(window.front().timestampMs - rangeStartMs) / 1000;
    const double toEnd = double(rangeEndMs - window.back().timestampMs) / 1000;
    const double sampled = double(window.back().timestampMs - window.front().timestampMs) / 1000;
    const double averageInterval = sampled / double(window.size() - 1);
    if (increase > 0 && window.front().value >= 0) {
        // Extrapolating further back than where the counter would have been 0 would invent counts.
        const double toZero = sampled * (window.front().value / increase);
        toStart = std::min(toStart, toZero);
    }
    const double threshold = averageInterval * 1.1;
    double extrapolated = sampled;
    extrapolated += toStart < threshold ? toStart : averageInterval / 2;
    extrapolated += toEnd < threshold ? toEnd : averageInterval / 2;
    const double rangeSeconds = double(rangeEndMs - rangeStartMs) / 1000;
    return increase * (extrapolated / sampled) / rangeSeconds;
}

} // namespace perfdash
