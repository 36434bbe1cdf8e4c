#include "LiveMeter.h"

#include "NanoClock.h"

#include <algorithm>

namespace perfdash {

namespace {
    constexpr std::size_t maxSamplesPerReading = 4096;
}

void LiveMeter::begin(std::uint64_t expectedOps, std::int64_t durationNs)
{
    std::lock_guard lock(m_mutex);
    m_ops.store(0, std::memory_order_relaxed);
    m_expectedOps = expectedOps;
    m_durationNs = durationNs;
    m_startNs = steadyNanos();
    m_latencies.clear();
    m_hitRatio = nullptr;
}

void LiveMeter::offerLatency(double microseconds)
{
    std::lock_guard lock(m_mutex);
    if (m_latencies.size() < maxSamplesPerReading)
        m_latencies.push_back(microseconds);
}

void LiveMeter::setHitRatioReader(std::function<double()> reader)
{
    std::lock_guard lock(m_mutex);
    m_hitRatio = std::move(reader);
}

LiveMeter::Reading LiveMeter::read()
{
    Reading reading;
    reading.ops = m_ops.load(std::memory_order_relaxed);
    std::lock_guard lock(m_mutex);
    if (m_durationNs > 0)
        reading.fraction = double(steadyNanos() - m_startNs) / double(m_durationNs);
    else if (m_expectedOps > 0)
        reading.fraction = double(reading.ops) / double(m_expectedOps);
    reading.fraction = std::clamp(reading.fraction, 0.0, 1.0);
    if (m_hitRatio)
        reading.hitRatio = m_hitRatio();
    reading.latenciesUs.swap(m_latencies);
    return reading;
}

} // namespace perfdash
