#include "RetryWorkload.h"

#include "LatencySamples.h"
#include "LiveMeter.h"
#include "ProfilingMetrics.h"
#include "Backoff.h"
#include "RetryPolicy.h"

#include <queue>

namespace perfdash {

RetryWorkload::RetryWorkload(const ProfileSettings& settings)
    : m_settings(settings)
{
}

QMap<QString, double> RetryWorkload::run(Context& context)
{
    using std::chrono::microseconds;
    using std::chrono::milliseconds;
    const int clients = int(m_settings.integer(QStringLiteral("clients")));
    RetryPolicy policy;
    policy.maxAttempts = int(m_settings.integer(QStringLiteral("max_attempts")));
    policy.backoff.base = milliseconds(m_settings.integer(QStringLiteral("base_ms")));
    policy.backoff.cap = milliseconds(m_settings.integer(QStringLiteral("cap_ms")));
    policy.backoff.jitter = parseJitter(m_settings.text(QStringLiteral("jitter")).toStdString()).value_or(Jitter::Full);
    policy.deadline = milliseconds(m_settings.integer(QStringLiteral("deadline_ms")));
    const std::int64_t capacity = m_settings.integer(QStringLiteral("capacity"));
    const std::int64_t slotNs = m_settings.integer(QStringLiteral("slot_ms")) * 1'000'000;
    const double failureRate = m_settings.real(QStringLiteral("failure_rate"));
    const std::uint64_t seed
        = std::uint64_t(m_settings.integer(QStringLiteral("seed"))) * 7919 + std::uint64_t(context.repetition);

    std::atomic<std::uint64_t> calls { 0 };
    std::atomic<std::uint64_t> succeeded { 0 };
    std::atomic<std::uint64_t> gaveUp { 0 };
    std::atomic<std::uint64_t> waitedNs { 0 };
    const int registration = context.metrics ? context.metrics->addRetry("profile",
                                 [&] {
                                     return RetryStats { std::uint64_t(clients), calls.load(), succeeded.load(),
                                         gaveUp.load(), waitedNs.load() };
                                 })
                                             : 0;
    context.meter.begin(std::uint64_t(clients), 0);

    std::vector<Backoff> backoffs;
    backoffs.reserve(std::size_t(clients));
    for (int c = 0; c < clients; ++c)
        backoffs.emplace_back(policy.backoff, seed * 31 + std::uint64_t(c));
    std::vector<int> attempts(std::size_t(clients), 0);

    // Events (virtual time in ns, client), earliest first; every client calls at time 0.
    using Event = std::pair<std::int64_t, int>;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    for (int c = 0; c < clients; ++c)
        events.push({ 0, c });
    std::mt19937_64 random(seed);
    std::bernoulli_distribution flaky(failureRate);
    std::int64_t currentSlot = -1;
    std::int64_t callsInSlot = 0;
    std::int64_t makespan = 0;
    std::vector<LatencySamples> samples(1);

    while (!events.empty() && !context.cancel.load(std::memory_order_relaxed)) {
        const auto [time, client] = events.top();
        events.pop();
        const std::int64_t slot = time / slotNs;
        if (slot != currentSlot) {
            currentSlot = slot;
            callsInSlot = 0;
        }
        ++callsInSlot;
        ++attempts[std::size_t(client)];
        calls.fetch_add(1, std::memory_order_relaxed);
        // Contention: past the dependency's capacity in this slot every call fails.
        const bool ok = callsInSlot <= capacity && !flaky(random);
        if (ok) {
            succeeded.fetch_add(1, std::memory_order_relaxed);
            samples[0].add(double(time) / 1000.0);
            makespan = std::max(makespan, time);
            context.meter.addOps(1);
            context.meter.offerLatency(double(time) / 1000.0);
            continue;
        }
        const std::int64_t delay = backoffs[std::size_t(client)].nextDelay().count();
        const bool outOfAttempts = attempts[std::size_t(client)] >= policy.maxAttempts;
        if (outOfAttempts || time + delay > policy.deadline.count()) {
            gaveUp.fetch_add(1, std::memory_order_relaxed);
            makespan = std::max(makespan, time);
            context.meter.addOps(1);
            continue;
        }
        waitedNs.fetch_add(std::uint64_t(delay), std::memory_order_relaxed);
        events.push({ time + delay, client });
    }

    QMap<QString, double> metrics;
    const double seconds = double(makespan) / 1e9;
    metrics.insert(QStringLiteral("total_calls"), double(calls.load()));
    metrics.insert(QStringLiteral("completion_ms"), double(makespan) / 1e6);
    metrics.insert(QStringLiteral("failed_clients"), double(gaveUp.load()));
    if (seconds > 0)
        metrics.insert(QStringLiteral("throughput_ops_per_s"), double(succeeded.load()) / seconds);
    LatencySamples::summarize(samples, metrics);
    if (context.metrics)
        context.metrics->remove(registration);
    return metrics;
}

} // namespace perfdash
