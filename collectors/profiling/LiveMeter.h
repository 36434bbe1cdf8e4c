#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace perfdash {

// What a running workload shares with the monitor that reports progress: an operation count, a
// sample of recent latencies and, for the cache, a hit-ratio reader. Workers add in batches, so the
// meter costs them little; the monitor reads it at most 10 times a second.
class LiveMeter {
public:
    struct Reading {
        std::uint64_t ops = 0;
        double fraction = 0; // of the repetition
        double hitRatio = -1; // < 0: none
        std::vector<double> latenciesUs; // since the previous reading
    };

    // The repetition ends after expectedOps operations, or after durationNs when that is > 0.
    void begin(std::uint64_t expectedOps, std::int64_t durationNs);
    void addOps(std::uint64_t ops) { m_ops.fetch_add(ops, std::memory_order_relaxed); }
    // Keeps a bounded number of samples between readings; the rest are not needed for a live chart.
    void offerLatency(double microseconds);
    void setHitRatioReader(std::function<double()> reader);

    Reading read();

private:
    std::atomic<std::uint64_t> m_ops { 0 };
    std::uint64_t m_expectedOps = 0;
    std::int64_t m_durationNs = 0;
    std::int64_t m_startNs = 0;
    std::mutex m_mutex;
    std::vector<double> m_latencies;
    std::function<double()> m_hitRatio;
};

} // namespace perfdash
