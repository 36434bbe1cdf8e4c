#include "PoolWorkload.h"

#include "LiveMeter.h"
#include "NanoClock.h"
#include "ProfilingMetrics.h"
#include "Quantiles.h"
#include "WorkerPool.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

namespace perfdash {

PoolWorkload::PoolWorkload(const ProfileSettings& settings)
    : m_settings(settings)
{
}

QMap<QString, double> PoolWorkload::run(Context& context)
{
    const auto tasks = std::size_t(m_settings.integer(QStringLiteral("tasks")));
    const int producers = int(m_settings.integer(QStringLiteral("producers")));
    const double meanUs = double(m_settings.integer(QStringLiteral("mean_us")));
    const QString distribution = m_settings.text(QStringLiteral("distribution"));
    const bool spin = m_settings.text(QStringLiteral("work")) == u"spin";
    const std::uint64_t seed
        = std::uint64_t(m_settings.integer(QStringLiteral("seed"))) * 7919 + std::uint64_t(context.repetition);
    WorkerPool::Options options;
    options.workers = int(m_settings.integer(QStringLiteral("workers")));
    options.queueCapacity = std::size_t(m_settings.integer(QStringLiteral("queue_bound")));
    const QString rejection = m_settings.text(QStringLiteral("rejection"));
    options.rejection = rejection == u"reject" ? WorkerPool::Rejection::Reject
        : rejection == u"caller_runs"          ? WorkerPool::Rejection::CallerRuns
                                               : WorkerPool::Rejection::Block;

    // Durations drawn up front, so the producers only submit.
    std::vector<double> durationsUs(tasks);
    {
        std::mt19937_64 random(seed);
        std::exponential_distribution<double> exponential(meanUs > 0 ? 1.0 / meanUs : 1.0);
        std::uniform_real_distribution<double> uniform(0.0, 2.0 * meanUs);
        for (double& duration : durationsUs) {
            duration = distribution == u"constant" ? meanUs
                : distribution == u"uniform"       ? uniform(random)
                                                   : (meanUs > 0 ? exponential(random) : 0.0);
        }
    }
    constexpr double notRun = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> sojournUs(tasks, notRun);
    std::vector<double> waitUs(tasks, notRun);
    std::atomic<std::uint64_t> rejected { 0 };
    context.meter.begin(tasks, 0);

    const std::int64_t start = steadyNanos();
    {
        WorkerPool pool(options);
        const int registration
            = context.metrics ? context.metrics->addPool("profile", [&pool] { return pool.stats(); }) : 0;
        auto produce = [&](int producer) {
            for (std::size_t i = std::size_t(producer); i < tasks; i += std::size_t(producers)) {
                if (context.cancel.load(std::memory_order_relaxed))
                    return;
                const std::int64_t submitted = steadyNanos();
                const bool accepted = pool.submit([&, i, submitted] {
                    const std::int64_t began = steadyNanos();
                    const auto duration = std::chrono::nanoseconds(std::int64_t(durationsUs[i] * 1000));
                    if (spin) {
                        while (steadyNanos() - began < duration.count()) { }
                    } else if (duration.count() > 0) {
                        std::this_thread::sleep_for(duration);
                    }
                    const std::int64_t ended = steadyNanos();
                    waitUs[i] = double(began - submitted) / 1000.0;
                    sojournUs[i] = double(ended - submitted) / 1000.0;
                    context.meter.addOps(1);
                    if ((i & 7) == 0)
                        context.meter.offerLatency(sojournUs[i]);
                });
                if (!accepted) {
                    rejected.fetch_add(1, std::memory_order_relaxed);
                    context.meter.addOps(1);
                }
            }
        };
        std::vector<std::thread> threads;
        for (int p = 0; p < producers; ++p)
            threads.emplace_back(produce, p);
        for (std::thread& thread : threads)
            thread.join();
        pool.shutdown(); // runs every accepted task before returning
        if (context.metrics)
            context.metrics->remove(registration);
    }
    const double seconds = double(steadyNanos() - start) / 1e9;

    std::vector<double> sojourn;
    std::vector<double> wait;
    for (std::size_t i = 0; i < tasks; ++i) {
        if (!std::isnan(sojournUs[i])) {
            sojourn.push_back(sojournUs[i]);
            wait.push_back(waitUs[i]);
        }
    }
    std::sort(sojourn.begin(), sojourn.end());
    std::sort(wait.begin(), wait.end());
    QMap<QString, double> metrics;
    if (seconds > 0)
        metrics.insert(QStringLiteral("throughput_ops_per_s"), double(sojourn.size()) / seconds);
    if (!sojourn.empty()) {
        metrics.insert(QStringLiteral("latency_p50_us"), Quantiles::ofSorted(sojourn, 0.50));
        metrics.insert(QStringLiteral("latency_p95_us"), Quantiles::ofSorted(sojourn, 0.95));
        metrics.insert(QStringLiteral("latency_p99_us"), Quantiles::ofSorted(sojourn, 0.99));
        metrics.insert(QStringLiteral("queue_wait_p95_us"), Quantiles::ofSorted(wait, 0.95));
    }
    metrics.insert(QStringLiteral("rejected_tasks"), double(rejected.load()));
    return metrics;
}

} // namespace perfdash
