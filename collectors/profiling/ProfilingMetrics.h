#pragma once

#include "CacheStats.h"
#include "LimiterStats.h"
#include "PoolStats.h"
#include "RetryStats.h"

#include <QString>
#include <functional>
#include <memory>
#include <string>

namespace perfdash {

class MetricsBasicAuth;

// Prometheus instrumentation of the bundled components. A component is registered with a reader of
// its stats, which runs at scrape time only: the components' hot paths pay nothing. Labels are a fixed
// small set (the instance name the code chooses, and a result such as hit|miss), never per request.
//
//   perfdash_cache_requests_total{cache,result="hit|miss"}  perfdash_cache_evictions_total{cache}
//   perfdash_cache_expirations_total{cache}  perfdash_cache_entries{cache}
//   perfdash_limiter_requests_total{limiter,result="admitted|rejected"} perfdash_limiter_admitted_tokens_total{limiter}
//   perfdash_retry_attempts_total{retry}  perfdash_retry_calls_total{retry,result="succeeded|gave_up"}
//   perfdash_retry_backoff_seconds_total{retry}
//   perfdash_pool_tasks_total{pool,result="completed|rejected|failed"}  perfdash_pool_queue_depth{pool}
//   perfdash_pool_task_wait_seconds_total{pool}  perfdash_pool_task_run_seconds_total{pool}
class ProfilingMetrics {
public:
    ProfilingMetrics();
    ~ProfilingMetrics();

    // Registration ids; remove() them before the component dies.
    int addCache(const std::string& instance, std::function<CacheStats()> read);
    int addLimiter(const std::string& instance, std::function<LimiterStats()> read);
    int addRetry(const std::string& instance, std::function<RetryStats()> read);
    int addPool(const std::string& instance, std::function<PoolStats()> read);
    void remove(int id);

    // Serves /metrics on 127.0.0.1:port (0: a free port), behind basic auth when given. False with *error
    // when it cannot bind.
    bool expose(quint16 port, QString* error, const MetricsBasicAuth* auth = nullptr);
    // The bound port, 0 when not exposed.
    quint16 port() const;
    // The Prometheus text format of what a scrape would return now.
    std::string scrapeText() const;

private:
    struct Collector;
    std::shared_ptr<Collector> m_collector;
    struct Endpoint;
    std::unique_ptr<Endpoint> m_endpoint;
};

} // namespace perfdash
