#include "ProfilingMetrics.h"

#include "MetricsBasicAuth.h"

#include <map>
#include <mutex>
#include <prometheus/collectable.h>
#include <prometheus/exposer.h>
#include <prometheus/metric_family.h>
#include <prometheus/text_serializer.h>

namespace perfdash {

namespace {
    struct Source {
        enum class Kind { Cache, Limiter, Retry, Pool } kind;
        std::string instance;
        std::function<CacheStats()> cache;
        std::function<LimiterStats()> limiter;
        std::function<RetryStats()> retry;
        std::function<PoolStats()> pool;
    };

    // Families by name, filled in a fixed order so scrapes are stable.
    class FamilyBuilder {
    public:
        void add(const std::string& name, const std::string& help, prometheus::MetricType type,
            std::vector<prometheus::ClientMetric::Label> labels, double value)
        {
            auto found = m_index.find(name);
            if (found == m_index.end()) {
                prometheus::MetricFamily family;
                family.name = name;
                family.help = help;
                family.type = type;
                m_families.push_back(std::move(family));
                found = m_index.emplace(name, m_families.size() - 1).first;
            }
            prometheus::ClientMetric metric;
            metric.label = std::move(labels);
            if (type == prometheus::MetricType::Counter)
                metric.counter.value = value;
            else
                metric.gauge.value = value;
            m_families[found->second].metric.push_back(std::move(metric));
        }

        std::vector<prometheus::MetricFamily> take() { return std::move(m_families); }

    private:
        std::vector<prometheus::MetricFamily> m_families;
        std::map<std::string, std::size_t> m_index;
    };
}

struct ProfilingMetrics::Collector : prometheus::Collectable {
    std::vector<prometheus::MetricFamily> Collect() const override
    {
        using prometheus::MetricType;
        FamilyBuilder families;
        std::lock_guard lock(mutex);
        for (const auto& [id, source] : sources) {
            switch (source.kind) {
            case Source::Kind::Cache: {
                const CacheStats stats = source.cache();
                const std::string& cache = source.instance;
                families.add("perfdash_cache_requests_total", "Cache lookups by result", MetricType::Counter,
                    { { "cache", cache }, { "result", "hit" } }, double(stats.hits));
                families.add("perfdash_cache_requests_total", "Cache lookups by result", MetricType::Counter,
                    { { "cache", cache }, { "result", "miss" } }, double(stats.misses));
                families.add("perfdash_cache_evictions_total", "Entries evicted to make room", MetricType::Counter,
                    { { "cache", cache } }, double(stats.evictions));
                families.add("perfdash_cache_expirations_total", "Entries found expired", MetricType::Counter,
                    { { "cache", cache } }, double(stats.expirations));
                families.add("perfdash_cache_entries", "Entries held now", MetricType::Gauge, { { "cache", cache } },
                    double(stats.size));
                break;
            }
            case Source::Kind::Limiter: {
                const LimiterStats stats = source.limiter();
                const std::string& limiter = source.instance;
                families.add("perfdash_limiter_requests_total", "Limiter requests by result", MetricType::Counter,
                    { { "limiter", limiter }, { "result", "admitted" } }, double(stats.admittedRequests));
                families.add("perfdash_limiter_requests_total", "Limiter requests by result", MetricType::Counter,
                    { { "limiter", limiter }, { "result", "rejected" } }, double(stats.rejectedRequests));
                families.add("perfdash_limiter_admitted_tokens_total", "Tokens granted", MetricType::Counter,
                    { { "limiter", limiter } }, double(stats.admittedTokens));
                break;
            }
            case Source::Kind::Retry: {
                const RetryStats stats = source.retry();
                const std::string& retry = source.instance;
                families.add("perfdash_retry_attempts_total", "Operation attempts, first ones included",
                    MetricType::Counter, { { "retry", retry } }, double(stats.attempts));
                families.add("perfdash_retry_calls_total", "Retried calls by outcome", MetricType::Counter,
                    { { "retry", retry }, { "result", "succeeded" } }, double(stats.succeeded));
                families.add("perfdash_retry_calls_total", "Retried calls by outcome", MetricType::Counter,
                    { { "retry", retry }, { "result", "gave_up" } }, double(stats.gaveUp));
                families.add("perfdash_retry_backoff_seconds_total", "Time spent backing off", MetricType::Counter,
                    { { "retry", retry } }, double(stats.waitedNs) / 1e9);
                break;
            }
            case Source::Kind::Pool: {
                const PoolStats stats = source.pool();
                const std::string& pool = source.instance;
                for (const auto& [result, value] : { std::pair { "completed", stats.completed },
                         std::pair { "rejected", stats.rejected }, std::pair { "failed", stats.failed } }) {
                    families.add("perfdash_pool_tasks_total", "Tasks by outcome", MetricType::Counter,
                        { { "pool", pool }, { "result", result } }, double(value));
                }
                families.add("perfdash_pool_queue_depth", "Tasks waiting now", MetricType::Gauge, { { "pool", pool } },
                    double(stats.queueDepth));
                families.add("perfdash_pool_task_wait_seconds_total", "Time tasks spent queued", MetricType::Counter,
                    { { "pool", pool } }, double(stats.waitNs) / 1e9);
                families.add("perfdash_pool_task_run_seconds_total", "Time tasks spent running", MetricType::Counter,
                    { { "pool", pool } }, double(stats.runNs) / 1e9);
                break;
            }
            }
        }
        return families.take();
    }

    int add(Source source)
    {
        std::lock_guard lock(mutex);
        sources.emplace(++lastId, std::move(source));
        return lastId;
    }

    mutable std::mutex mutex;
    std::map<int, Source> sources;
    int lastId = 0;
};

struct ProfilingMetrics::Endpoint {
    std::unique_ptr<prometheus::Exposer> exposer;
    quint16 port = 0;
};

ProfilingMetrics::ProfilingMetrics()
    : m_collector(std::make_shared<Collector>())
    , m_endpoint(std::make_unique<Endpoint>())
{
}

ProfilingMetrics::~ProfilingMetrics() = default;

int ProfilingMetrics::addCache(const std::string& instance, std::function<CacheStats()> read)
{
    return m_collector->add({ Source::Kind::Cache, instance, std::move(read), {}, {}, {} });
}

int ProfilingMetrics::addLimiter(const std::string& instance, std::function<LimiterStats()> read)
{
    return m_collector->add({ Source::Kind::Limiter, instance, {}, std::move(read), {}, {} });
}

int ProfilingMetrics::addRetry(const std::string& instance, std::function<RetryStats()> read)
{
    return m_collector->add({ Source::Kind::Retry, instance, {}, {}, std::move(read), {} });
}

int ProfilingMetrics::addPool(const std::string& instance, std::function<PoolStats()> read)
{
    return m_collector->add({ Source::Kind::Pool, instance, {}, {}, {}, std::move(read) });
}

void ProfilingMetrics::remove(int id)
{
    std::lock_guard lock(m_collector->mutex);
    m_collector->sources.erase(id);
}

bool ProfilingMetrics::expose(quint16 port, QString* error, const MetricsBasicAuth* auth)
{
    if (m_endpoint->exposer) {
        *error = QStringLiteral("metrics are already exposed on port %1").arg(m_endpoint->port);
        return false;
    }
    try {
        // Loopback only: profiling metrics are for a local Prometheus, not the network.
        m_endpoint->exposer = std::make_unique<prometheus::Exposer>("127.0.0.1:" + std::to_string(port));
    } catch (const std::exception& exception) {
        *error = QStringLiteral("cannot serve metrics on 127.0.0.1:%1: %2").arg(port).arg(exception.what());
        return false;
    }
    if (auth)
        auth->applyTo(*m_endpoint->exposer);
    m_endpoint->exposer->RegisterCollectable(m_collector);
    const auto ports = m_endpoint->exposer->GetListeningPorts();
    m_endpoint->port = ports.empty() ? 0 : quint16(ports.front());
    return true;
}

quint16 ProfilingMetrics::port() const { return m_endpoint->port; }

std::string ProfilingMetrics::scrapeText() const
{
    return prometheus::TextSerializer().Serialize(m_collector->Collect());
}

} // namespace perfdash
