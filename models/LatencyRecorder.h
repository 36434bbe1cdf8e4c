#pragma once

#include <QMutex>
#include <QtGlobal>
#include <array>
#include <cstddef>
#include <vector>

namespace perfdash {

struct LatencySummary {
    // Samples whose first painted frame was measured.
    quint64 samples = 0;
    double p50Ms = 0.0;
    double p99Ms = 0.0;
    double maxMs = 0.0;
    // Samples stored while no chart was visible (another tab, minimised): they have no frame to wait for.
    quint64 notShown = 0;
};

// Sample-to-pixel latency: from a message's arrival on the socket to the painted frame that first shows
// its samples. The ingest thread reports each stored message (its receive time and sample count); the
// GUI thread says when a frame reads the store and when that frame has been painted. The GUI thread's
// cost is per distinct receive millisecond, never per sample. Times are unix milliseconds.
class LatencyRecorder {
public:
    // Ingest thread: `samples` samples received at receivedAtMs are now in the store.
    void recordStored(qint64 receivedAtMs, std::size_t samples);
    // GUI thread, as a frame reads the store: everything stored so far belongs to this frame.
    void frameStarted();
    // GUI thread, when the frame that last started has been painted.
    void framePainted(qint64 paintedAtMs);
    // GUI thread, when a frame started but nothing shows it (charts hidden).
    void frameNotShown();

    LatencySummary summary() const;
    void reset();

private:
    struct Arrival {
        qint64 receivedAtMs;
        quint64 samples;
    };
    void addToHistogram(qint64 latencyMs, quint64 samples);

    // One bucket per millisecond; the last one collects everything slower.
    static constexpr std::size_t bucketCount = 10'000;
    // Arrivals are coalesced per millisecond; if nothing paints for this long, the newest entry absorbs
    // the rest (a slight underestimate) so memory stays bounded.
    static constexpr std::size_t maxPendingArrivals = 65'536;

    mutable QMutex m_mutex;
    std::vector<Arrival> m_pending; // stored, not yet read by a frame
    std::vector<Arrival> m_inFrame; // read by a frame that is not painted yet
    std::array<quint64, bucketCount> m_histogram {};
    quint64 m_measured = 0;
    quint64 m_notShown = 0;
    qint64 m_maxMs = 0;
};

} // namespace perfdash
