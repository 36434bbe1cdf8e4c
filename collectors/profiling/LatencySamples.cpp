#include "LatencySamples.h"

#include "Quantiles.h"

#include <algorithm>

namespace perfdash {

LatencySamples::LatencySamples(std::size_t limit, std::uint64_t seed)
    : m_limit(std::max<std::size_t>(limit, 1))
    , m_random(seed)
{
}

void LatencySamples::add(double microseconds)
{
    ++m_seen;
    if (m_values.size() < m_limit) {
        m_values.push_back(microseconds);
        return;
    }
    const std::uint64_t slot = std::uniform_int_distribution<std::uint64_t>(0, m_seen - 1)(m_random);
    if (slot < m_limit)
        m_values[std::size_t(slot)] = microseconds;
}

std::vector<double> LatencySamples::merged(std::vector<LatencySamples>& perThread)
{
    std::vector<double> all;
    for (LatencySamples& samples : perThread)
        all.insert(all.end(), samples.m_values.begin(), samples.m_values.end());
    std::sort(all.begin(), all.end());
    return all;
}

void LatencySamples::summarize(std::vector<LatencySamples>& perThread, QMap<QString, double>& metrics)
{
    const std::vector<double> all = merged(perThread);
    if (all.empty())
        return;
    metrics.insert(QStringLiteral("latency_p50_us"), Quantiles::ofSorted(all, 0.50));
    metrics.insert(QStringLiteral("latency_p95_us"), Quantiles::ofSorted(all, 0.95));
    metrics.insert(QStringLiteral("latency_p99_us"), Quantiles::ofSorted(all, 0.99));
}

} // namespace perfdash
