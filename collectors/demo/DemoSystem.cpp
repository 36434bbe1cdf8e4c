#include "DemoSystem.h"

#include "MetricNames.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace perfdash {

namespace {
    // Per-series levels: index 0 is the seed's "current" column, index 1 meets the targets.
    struct Levels {
        double baseline;
        double optimized;
        double pick(DemoScenario s) const { return s == DemoScenario::Baseline ? baseline : optimized; }
    };

    // API p95 per endpoint (seed: ~2 s, target < 1.6 s).
    const Levels apiP95[] = { { 2.05, 1.42 }, { 1.92, 1.31 } };
    // Mean agent execution per agent (seed: ~30 s, target < 24 s).
    const Levels agentMean[] = { { 31.0, 21.5 }, { 29.0, 19.8 } };
    // Mean LLM latency per model (seed: ~3 s, target < 2.4 s).
    const Levels llmMean[] = { { 3.15, 2.15 }, { 2.85, 1.85 } };
    // Hit probability per cache (seed: ~60 %, target > 80 %).
    const Levels cacheHit[] = { { 0.62, 0.86 }, { 0.59, 0.83 } };
    // Memory sawtooth between a floor and a peak (seed: ~512 MB peak, target < 410 MB).
    constexpr double megabyte = 1024.0 * 1024.0;
    const Levels memoryFloor { 430 * megabyte, 320 * megabyte };
    const Levels memoryPeak { 512 * megabyte, 392 * megabyte };

    constexpr double apiSigma = 0.45;
    constexpr double agentSigma = 0.35;
    constexpr double llmSigma = 0.40;
    // The workload is deliberately the same in both scenarios: the optimized build is faster, not busier,
    // so a request-rate panel stays flat across a deploy (the "before and after" has a control).
    constexpr double requestsPerSecond = 40.0;
    constexpr double agentRunsPerSecond = 0.5;
    constexpr double llmCallsPerSecond = 10.0;
    constexpr double cacheLookupsPerSecond = 50.0;
    constexpr double agentErrorRate = 0.03;
    // Short windows, like a p95 over one 5 s scrape: samples half a minute apart are nearly independent, so
    // a before/after comparison of a few minutes has enough effective samples for a verdict.
    constexpr qint64 requestWindowMs = 5'000;
    constexpr qint64 agentWindowMs = 20'000; // agent runs are rare: a longer window holds about ten
    constexpr qint64 llmWindowMs = 5'000;
    constexpr qint64 cacheWindowMs = 5'000;
    constexpr double memoryCycleSeconds = 20.0;
    // z(0.95) of the standard normal: p95 of a lognormal is median * exp(z * sigma).
    constexpr double z95 = 1.6448536269514722;

    int poissonCount(std::mt19937_64& random, double mean)
    {
        if (mean <= 0)
            return 0;
        return std::poisson_distribution<int>(mean)(random);
    }
}

const QStringList& DemoSystem::endpoints()
{
    static const QStringList names { QStringLiteral("/api/v1/analyze"), QStringLiteral("/api/v1/trends") };
    return names;
}

const QStringList& DemoSystem::agentNames()
{
    static const QStringList names { QStringLiteral("analyzer"), QStringLiteral("writer") };
    return names;
}

const QStringList& DemoSystem::llmModels()
{
    static const QStringList names { QStringLiteral("gpt-5.2"), QStringLiteral("gpt-5-mini") };
    return names;
}

const QStringList& DemoSystem::cacheNames()
{
    static const QStringList names { QStringLiteral("trends"), QStringLiteral("llm_responses") };
    return names;
}

DemoSystem::DemoSystem(DemoScenario scenario, std::uint64_t seed)
    : m_scenario(scenario)
    , m_random(seed)
    , m_requestWindows(endpoints().size())
    , m_agentWindows(agentNames().size())
    , m_llmWindows(llmModels().size())
    , m_cacheWindows(cacheNames().size())
    , m_memoryBytes(memoryFloor.pick(scenario))
    , m_reportedMemoryBytes(m_memoryBytes)
{
    for (const QString& endpoint : endpoints())
        m_histograms.emplace_back(QStringLiteral("http_request_duration_seconds"),
            Labels { { QStringLiteral("endpoint"), endpoint } }, requestBuckets());
    for (const QString& agent : agentNames())
        m_histograms.emplace_back(QStringLiteral("agent_execution_seconds"),
            Labels { { QStringLiteral("agent_name"), agent } }, agentBuckets());
}

const std::vector<double>& DemoSystem::requestBuckets()
{
    static const std::vector<double> bounds { 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5, 10 };
    return bounds;
}

const std::vector<double>& DemoSystem::agentBuckets()
{
    static const std::vector<double> bounds { 1, 5, 10, 30, 60, 120 };
    return bounds;
}

const std::vector<double>& DemoSystem::llmBuckets()
{
    static const std::vector<double> bounds { 0.5, 1, 1.5, 2, 2.4, 3, 4, 5, 10, 30 };
    return bounds;
}

void DemoSystem::setScenario(DemoScenario scenario) { m_scenario = scenario; }

void DemoSystem::Window::add(qint64 timestampMs, double value, qint64 keepMs)
{
    values.push_back({ timestampMs, value });
    while (!values.empty() && values.front().timestampMs < timestampMs - keepMs)
        values.pop_front();
}

double DemoSystem::lognormalWithMedian(double median, double sigma)
{
    return median * std::exp(sigma * std::normal_distribution<double>(0.0, 1.0)(m_random));
}

DemoObservations DemoSystem::step(qint64 nowMs, double intervalSeconds)
{
    DemoObservations observed;

    for (int i = 0; i < endpoints().size(); ++i) {
        const double median = apiP95[i].pick(m_scenario) / std::exp(z95 * apiSigma);
        const int count = poissonCount(m_random, requestsPerSecond * intervalSeconds);
        for (int n = 0; n < count; ++n) {
            const double seconds = lognormalWithMedian(median, apiSigma);
            observed.requests.push_back({ endpoints()[i], {}, seconds });
            m_requestWindows[i].add(nowMs, seconds, requestWindowMs);
            m_histograms[std::size_t(i)].observe(seconds);
        }
    }

    // Agent runs are rare (a Poisson count per tick), so their window is long.
    std::bernoulli_distribution agentFails(agentErrorRate);
    for (int i = 0; i < agentNames().size(); ++i) {
        const double median = agentMean[i].pick(m_scenario) / std::exp(agentSigma * agentSigma / 2);
        const int count = poissonCount(m_random, agentRunsPerSecond * intervalSeconds);
        for (int n = 0; n < count; ++n) {
            const double seconds = lognormalWithMedian(median, agentSigma);
            const bool failed = agentFails(m_random);
            observed.agentRuns.push_back(
                { agentNames()[i], failed ? QStringLiteral("error") : QStringLiteral("success"), seconds });
            m_agentWindows[i].add(nowMs, seconds, agentWindowMs);
            m_histograms[std::size_t(endpoints().size() + i)].observe(seconds);
        }
    }

    for (int i = 0; i < llmModels().size(); ++i) {
        const double median = llmMean[i].pick(m_scenario) / std::exp(llmSigma * llmSigma / 2);
        const int count = poissonCount(m_random, llmCallsPerSecond * intervalSeconds);
        for (int n = 0; n < count; ++n) {
            const double seconds = lognormalWithMedian(median, llmSigma);
            observed.llmCalls.push_back({ llmModels()[i], {}, seconds });
            m_llmWindows[i].add(nowMs, seconds, llmWindowMs);
        }
    }

    for (int i = 0; i < cacheNames().size(); ++i) {
        const int lookups = poissonCount(m_random, cacheLookupsPerSecond * intervalSeconds);
        std::binomial_distribution<int> hitsOf(lookups, cacheHit[i].pick(m_scenario));
        const int hits = lookups > 0 ? hitsOf(m_random) : 0;
        observed.cacheLookups.push_back({ cacheNames()[i], hits, lookups - hits });
        auto& window = m_cacheWindows[i].lookups;
        window.push_back({ nowMs, { hits, lookups - hits } });
        while (!window.empty() && window.front().first < nowMs - cacheWindowMs)
            window.pop_front();
    }

    // Memory grows steadily between collections, then drops back: a sawtooth whose top is the peak.
    const double floor = memoryFloor.pick(m_scenario);
    const double peak = memoryPeak.pick(m_scenario);
    m_memoryBytes += (peak - floor) * intervalSeconds / memoryCycleSeconds;
    if (m_memoryBytes >= peak || m_memoryBytes < floor * 0.9)
        m_memoryBytes = floor;
    const double jitter = std::normal_distribution<double>(0.0, 1.5 * megabyte)(m_random);
    m_reportedMemoryBytes = std::min(peak, m_memoryBytes + jitter);
    observed.residentMemoryBytes = m_reportedMemoryBytes;
    return observed;
}

double DemoSystem::quantile(std::vector<double> values, double q)
{
    if (values.empty())
        return std::nan("");
    // Nearest-rank quantile: the value a histogram_quantile over fine buckets would approach.
    const auto rank = std::min(values.size() - 1, static_cast<std::size_t>(std::ceil(q * values.size())) - 1);
    std::nth_element(values.begin(), values.begin() + rank, values.end());
    return values[rank];
}

double DemoSystem::mean(const std::deque<WindowedValue>& values)
{
    if (values.empty())
        return std::nan("");
    double sum = 0;
    for (const auto& v : values)
        sum += v.value;
    return sum / values.size();
}

SampleBatch DemoSystem::derivedSamples(qint64 nowMs) const
{
    SampleBatch batch;
    // Rounded to what real exporters report (1 ms, 4 decimals of a ratio, whole bytes); it is also what
    // lets the store pack a sample in under 2 bytes instead of ~6 for full-precision doubles.
    // Dividing the rounded integer (rather than multiplying by 0.001) gives the double nearest to the
    // decimal, exactly what a parser makes of "2.153", so the store's decimal packing applies.
    const auto round = [](double value, double perUnit) { return std::round(value * perUnit) / perUnit; };
    const auto add = [&](const QString& metric, Labels labels, double value, double perUnit) {
        batch.push_back(Sample { metric, std::move(labels), nowMs, round(value, perUnit) });
    };
    for (int i = 0; i < endpoints().size(); ++i) {
        const auto& window = m_requestWindows[i].values;
        if (window.empty())
            continue;
        std::vector<double> values;
        values.reserve(window.size());
        for (const auto& v : window)
            values.push_back(v.value);
        add(MetricNames::apiP95, { { QStringLiteral("endpoint"), endpoints()[i] } }, quantile(std::move(values), 0.95),
            1000);
    }
    for (int i = 0; i < agentNames().size(); ++i) {
        if (!m_agentWindows[i].values.empty())
            add(MetricNames::agentMean, { { QStringLiteral("agent_name"), agentNames()[i] } },
                mean(m_agentWindows[i].values), 1000);
    }
    for (int i = 0; i < llmModels().size(); ++i) {
        if (!m_llmWindows[i].values.empty())
            add(MetricNames::llmMean, { { QStringLiteral("model"), llmModels()[i] } }, mean(m_llmWindows[i].values),
                1000);
    }
    for (int i = 0; i < cacheNames().size(); ++i) {
        int hits = 0;
        int total = 0;
        for (const auto& [time, counts] : m_cacheWindows[i].lookups) {
            hits += counts.first;
            total += counts.first + counts.second;
        }
        if (total > 0)
            add(MetricNames::cacheHitRatio, { { QStringLiteral("cache_name"), cacheNames()[i] } }, double(hits) / total,
                10000);
    }
    add(MetricNames::residentMemory, {}, m_reportedMemoryBytes, 1.0);
    return batch;
}

} // namespace perfdash
