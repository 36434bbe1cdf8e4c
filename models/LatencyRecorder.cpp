#include "LatencyRecorder.h"

#include <algorithm>

namespace perfdash {

void LatencyRecorder::recordStored(qint64 receivedAtMs, std::size_t samples)
{
    if (samples == 0)
        return;
    QMutexLocker lock(&m_mutex);
    if (!m_pending.empty() && (m_pending.back().receivedAtMs == receivedAtMs || m_pending.size() >= maxPendingArrivals))
        m_pending.back().samples += samples;
    else
        m_pending.push_back({ receivedAtMs, samples });
}

void LatencyRecorder::frameStarted()
{
    QMutexLocker lock(&m_mutex);
    // A frame that starts before the previous one was painted shows that one's samples too.
    if (m_inFrame.empty())
        m_inFrame.swap(m_pending);
    else
        m_inFrame.insert(m_inFrame.end(), m_pending.begin(), m_pending.end());
    m_pending.clear();
}

void LatencyRecorder::framePainted(qint64 paintedAtMs)
{
    QMutexLocker lock(&m_mutex);
    for (const Arrival& arrival : m_inFrame)
        addToHistogram(paintedAtMs - arrival.receivedAtMs, arrival.samples);
    m_inFrame.clear();
}

void LatencyRecorder::frameNotShown()
{
    QMutexLocker lock(&m_mutex);
    for (const std::vector<Arrival>* list : { &m_inFrame, &m_pending }) {
        for (const Arrival& arrival : *list)
            m_notShown += arrival.samples;
    }
    m_inFrame.clear();
    m_pending.clear();
}

void LatencyRecorder::addToHistogram(qint64 latencyMs, quint64 samples)
{
    // Receive and paint times come from the same wall clock; a step backwards counts as zero.
    const qint64 clamped = std::max<qint64>(0, latencyMs);
    m_histogram[std::min<std::size_t>(std::size_t(clamped), bucketCount - 1)] += samples;
    m_measured += samples;
    m_maxMs = std::max(m_maxMs, clamped);
}

LatencySummary LatencyRecorder::summary() const
{
    QMutexLocker lock(&m_mutex);
    LatencySummary summary;
    summary.samples = m_measured;
    summary.notShown = m_notShown;
    summary.maxMs = double(m_maxMs);
    if (m_measured == 0)
        return summary;
    // Nearest-rank percentiles over the millisecond buckets.
    const auto percentile = [&](double fraction) {
        const quint64 rank = std::max<quint64>(1, quint64(fraction * double(m_measured) + 0.999999));
        quint64 seen = 0;
        for (std::size_t bucket = 0; bucket < bucketCount; ++bucket) {
            seen += m_histogram[bucket];
            if (seen >= rank)
                return double(bucket);
        }
        return double(bucketCount - 1);
    };
    summary.p50Ms = percentile(0.50);
    summary.p99Ms = percentile(0.99);
    return summary;
}

void LatencyRecorder::reset()
{
    QMutexLocker lock(&m_mutex);
    m_histogram.fill(0);
    m_measured = 0;
    m_notShown = 0;
    m_maxMs = 0;
}

} // namespace perfdash
