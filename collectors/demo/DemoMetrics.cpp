#include "DemoMetrics.h"

#include "DemoSystem.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>

namespace perfdash {

struct DemoMetrics::Children {
    std::map<QString, prometheus::Histogram*> requestDuration; // by endpoint
    std::map<std::pair<QString, QString>, prometheus::Histogram*> agentDuration; // by (agent, status)
    std::map<QString, prometheus::Histogram*> llmDuration; // by model
    std::map<QString, std::pair<prometheus::Counter*, prometheus::Counter*>> cacheRequests; // (hit, miss)
    std::map<QString, prometheus::Gauge*> cacheHitRatio;
    std::map<QString, std::pair<double, double>> cacheTotals; // hits, lookups since start
    prometheus::Gauge* residentMemory = nullptr;
    prometheus::Gauge* startTime = nullptr;
};

DemoMetrics::DemoMetrics(std::shared_ptr<prometheus::Registry> registry)
    : m_registry(std::move(registry))
    , m_children(std::make_unique<Children>())
{
    using prometheus::Histogram;
    auto& requests = prometheus::BuildHistogram()
                         .Name("http_request_duration_seconds")
                         .Help("HTTP request latency of the agent platform's API")
                         .Register(*m_registry);
    const Histogram::BucketBoundaries& requestBuckets = DemoSystem::requestBuckets();
    for (const QString& endpoint : DemoSystem::endpoints())
        m_children->requestDuration[endpoint] = &requests.Add({ { "endpoint", endpoint.toStdString() } }, requestBuckets);

    auto& agents = prometheus::BuildHistogram()
                       .Name("agent_execution_seconds")
                       .Help("Agent execution duration")
                       .Register(*m_registry);
    const Histogram::BucketBoundaries& agentBuckets = DemoSystem::agentBuckets();
    for (const QString& agent : DemoSystem::agentNames()) {
        for (const char* status : { "success", "error" }) {
            m_children->agentDuration[{ agent, QString::fromLatin1(status) }]
                = &agents.Add({ { "agent_name", agent.toStdString() }, { "status", status } }, agentBuckets);
        }
    }

    auto& llm = prometheus::BuildHistogram()
                    .Name("llm_request_duration_seconds")
                    .Help("LLM call latency")
                    .Register(*m_registry);
    const Histogram::BucketBoundaries& llmBuckets = DemoSystem::llmBuckets();
    for (const QString& model : DemoSystem::llmModels())
        m_children->llmDuration[model] = &llm.Add({ { "model", model.toStdString() } }, llmBuckets);

    auto& cacheRequests = prometheus::BuildCounter()
                              .Name("cache_requests_total")
                              .Help("Cache lookups by result")
                              .Register(*m_registry);
    auto& hitRatio
        = prometheus::BuildGauge().Name("cache_hit_ratio").Help("Cache hit ratio").Register(*m_registry);
    for (const QString& cache : DemoSystem::cacheNames()) {
        const auto name = cache.toStdString();
        m_children->cacheRequests[cache] = { &cacheRequests.Add({ { "cache_name", name }, { "result", "hit" } }),
            &cacheRequests.Add({ { "cache_name", name }, { "result", "miss" } }) };
        m_children->cacheHitRatio[cache] = &hitRatio.Add({ { "cache_name", name } });
    }

    m_children->residentMemory = &prometheus::BuildGauge()
                                      .Name("process_resident_memory_bytes")
                                      .Help("Resident memory of the simulated agent platform")
                                      .Register(*m_registry)
                                      .Add({});
    m_children->startTime = &prometheus::BuildGauge()
                                 .Name("process_start_time_seconds")
                                 .Help("Start time of the simulated agent platform since the unix epoch")
                                 .Register(*m_registry)
                                 .Add({});
}

DemoMetrics::~DemoMetrics() = default;

void DemoMetrics::processStarted(double unixSeconds)
{
    m_children->startTime->Set(unixSeconds);
    m_children->cacheTotals.clear();
}

void DemoMetrics::record(const DemoObservations& observed)
{
    for (const auto& request : observed.requests)
        m_children->requestDuration.at(request.label)->Observe(request.seconds);
    for (const auto& run : observed.agentRuns)
        m_children->agentDuration.at({ run.label, run.status })->Observe(run.seconds);
    for (const auto& call : observed.llmCalls)
        m_children->llmDuration.at(call.label)->Observe(call.seconds);
    for (const auto& lookups : observed.cacheLookups) {
        auto [hit, miss] = m_children->cacheRequests.at(lookups.cacheName);
        hit->Increment(lookups.hits);
        miss->Increment(lookups.misses);
        auto& [hits, total] = m_children->cacheTotals[lookups.cacheName];
        hits += lookups.hits;
        total += lookups.hits + lookups.misses;
        if (total > 0)
            m_children->cacheHitRatio.at(lookups.cacheName)->Set(hits / total);
    }
    m_children->residentMemory->Set(observed.residentMemoryBytes);
}

} // namespace perfdash
