#include "ProfileMetric.h"

namespace perfdash {

const QList<ProfileMetric>& ProfileMetric::all()
{
    using D = MetricDirection;
    static const QList<ProfileMetric> metrics {
        { QStringLiteral("throughput_ops_per_s"), QStringLiteral("Throughput"), QStringLiteral("ops/s"),
            D::HigherIsBetter, true },
        { QStringLiteral("latency_p50_us"), QStringLiteral("Latency p50"), QStringLiteral("µs"), D::LowerIsBetter,
            true },
        { QStringLiteral("latency_p95_us"), QStringLiteral("Latency p95"), QStringLiteral("µs"), D::LowerIsBetter,
            true },
        { QStringLiteral("latency_p99_us"), QStringLiteral("Latency p99"), QStringLiteral("µs"), D::LowerIsBetter,
            true },
        { QStringLiteral("hit_ratio"), QStringLiteral("Hit ratio"), QString(), D::HigherIsBetter, false },
        // A two-tier run: hit_ratio stays the in-process tier's, beside Redis's and the two together.
        { QStringLiteral("l2_hit_ratio"), QStringLiteral("L2 hit ratio (Redis)"), QString(), D::HigherIsBetter, false },
        { QStringLiteral("combined_hit_ratio"), QStringLiteral("Hit ratio, L1 + L2"), QString(), D::HigherIsBetter,
            false },
        { QStringLiteral("redis_ops_per_s"), QStringLiteral("Redis commands"), QStringLiteral("ops/s"),
            D::Informational, false },
        { QStringLiteral("redis_errors"), QStringLiteral("Redis errors"), QString(), D::LowerIsBetter, false },
        { QStringLiteral("redis_timeouts"), QStringLiteral("Redis timeouts"), QString(), D::LowerIsBetter, false },
        { QStringLiteral("redis_peak_memory_bytes"), QStringLiteral("Redis peak memory (INFO memory)"),
            QStringLiteral("B"), D::Informational, false },
        { QStringLiteral("lru_hit_ratio_offline"), QStringLiteral("LRU hit ratio (same trace)"), QString(),
            D::Informational, false },
        { QStringLiteral("belady_hit_ratio"), QStringLiteral("Bélády optimal hit ratio"), QString(), D::Informational,
            false },
        { QStringLiteral("admitted_per_s"), QStringLiteral("Admitted rate"), QStringLiteral("1/s"), D::Informational,
            false },
        { QStringLiteral("admitted_rate_accuracy"), QStringLiteral("Admitted-rate accuracy"), QString(),
            D::HigherIsBetter, false },
        { QStringLiteral("total_calls"), QStringLiteral("Calls to the dependency"), QString(), D::LowerIsBetter,
            false },
        { QStringLiteral("completion_ms"), QStringLiteral("Completion time (all clients)"), QStringLiteral("ms"),
            D::LowerIsBetter, true },
        { QStringLiteral("failed_clients"), QStringLiteral("Clients that gave up"), QString(), D::LowerIsBetter,
            false },
        { QStringLiteral("queue_wait_p95_us"), QStringLiteral("Queue wait p95"), QStringLiteral("µs"), D::LowerIsBetter,
            true },
        { QStringLiteral("rejected_tasks"), QStringLiteral("Rejected tasks"), QString(), D::LowerIsBetter, false },
        // The process's peak resident memory: in the GUI every run shares one process whose RSS only grows,
        // so it is reported and tested but never gates as a regression.
        { QStringLiteral("peak_memory_bytes"), QStringLiteral("Peak memory (process RSS)"), QStringLiteral("B"),
            D::Informational, false },
    };
    return metrics;
}

const ProfileMetric* ProfileMetric::find(const QString& name)
{
    for (const ProfileMetric& metric : all()) {
        if (metric.name == name)
            return &metric;
    }
    return nullptr;
}

} // namespace perfdash
