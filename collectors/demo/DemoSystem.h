#pragma once

#include "CumulativeHistogram.h"
#include "DemoScenario.h"
#include "Sample.h"

#include <QList>
#include <QString>
#include <deque>
#include <random>
#include <vector>

namespace perfdash {

// Raw observations of one simulated interval, the way the seed's prometheus_client code records them.
struct DemoObservations {
    struct Timed {
        QString label; // endpoint, agent name or model
        QString status; // agents only: "success" or "error"
        double seconds = 0.0;
    };
    std::vector<Timed> requests;
    std::vector<Timed> agentRuns;
    std::vector<Timed> llmCalls;
    struct CacheLookups {
        QString cacheName;
        int hits = 0;
        int misses = 0;
    };
    std::vector<CacheLookups> cacheLookups;
    double residentMemoryBytes = 0.0;
};

// A simulation of the seed's agent platform: API requests, agent runs, LLM calls, two caches and the
// process's memory. step() advances it and returns what happened; derivedSamples() turns the trailing
// window into the per-series KPIs the stream carries (p95, means, hit ratios, memory).
class DemoSystem {
public:
    explicit DemoSystem(DemoScenario scenario, std::uint64_t seed = 20261126);

    DemoObservations step(qint64 nowMs, double intervalSeconds);
    SampleBatch derivedSamples(qint64 nowMs) const;

    DemoScenario scenario() const { return m_scenario; }
    void setScenario(DemoScenario scenario);

    static const QStringList& endpoints();
    static const QStringList& agentNames();
    static const QStringList& llmModels();
    static const QStringList& cacheNames();
    // The bucket layouts of the histograms, one for the stream and the Prometheus metrics alike.
    static const std::vector<double>& requestBuckets();
    static const std::vector<double>& agentBuckets(); // the seed's own
    static const std::vector<double>& llmBuckets();

    // The stream's histograms, cumulative since start: http_request_duration_seconds by endpoint, then
    // agent_execution_seconds by agent_name.
    const std::vector<CumulativeHistogram>& histograms() const { return m_histograms; }

private:
    struct WindowedValue {
        qint64 timestampMs;
        double value;
    };
    struct Window {
        std::deque<WindowedValue> values;
        void add(qint64 timestampMs, double value, qint64 keepMs);
    };
    struct CacheWindow {
        std::deque<std::pair<qint64, std::pair<int, int>>> lookups; // time, (hits, misses)
    };

    double lognormalWithMedian(double median, double sigma);
    static double quantile(std::vector<double> values, double q);
    static double mean(const std::deque<WindowedValue>& values);

    DemoScenario m_scenario;
    std::mt19937_64 m_random;
    std::vector<Window> m_requestWindows; // per endpoint
    std::vector<Window> m_agentWindows; // per agent
    std::vector<Window> m_llmWindows; // per model
    std::vector<CacheWindow> m_cacheWindows; // per cache
    double m_memoryBytes;
    double m_reportedMemoryBytes;
    std::vector<CumulativeHistogram> m_histograms;
};

} // namespace perfdash
