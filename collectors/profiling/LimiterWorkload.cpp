#include "LimiterWorkload.h"

#include "LatencySamples.h"
#include "LiveMeter.h"
#include "ProfilingMetrics.h"
#include "TokenBucket.h"

#include <algorithm>
#include <latch>
#include <thread>

namespace perfdash {

LimiterWorkload::LimiterWorkload(const ProfileSettings& settings)
    : m_settings(settings)
{
}

QMap<QString, double> LimiterWorkload::run(Context& context)
{
    const double rate = m_settings.real(QStringLiteral("rate"));
    const std::int64_t burst = m_settings.integer(QStringLiteral("burst"));
    const int threads = int(m_settings.integer(QStringLiteral("threads")));
    const double offeredPerThread = m_settings.real(QStringLiteral("offered_rate")) / threads;
    const QString arrival = m_settings.text(QStringLiteral("arrival"));
    const std::int64_t clump = m_settings.integer(QStringLiteral("clump"));
    const std::int64_t durationNs = m_settings.integer(QStringLiteral("duration_ms")) * 1'000'000;
    const std::uint64_t seed
        = std::uint64_t(m_settings.integer(QStringLiteral("seed"))) * 7919 + std::uint64_t(context.repetition);

    TokenBucket bucket({ rate, burst, {}, {} });
    const int registration
        = context.metrics ? context.metrics->addLimiter("profile", [&bucket] { return bucket.stats(); }) : 0;
    context.meter.begin(0, durationNs);

    std::vector<LatencySamples> samples;
    for (int t = 0; t < threads; ++t)
        samples.emplace_back(std::size_t(1) << 20, seed + std::uint64_t(t));
    std::atomic<std::uint64_t> attempts { 0 };
    // The clock starts once every client thread exists: on a loaded machine creating them can take longer
    // than a short run, and arrivals owed for that time would come as one burst the bucket rightly refuses.
    std::latch clientsReady(threads);
    std::latch startSignal(1);
    std::int64_t start = 0;
    std::int64_t end = 0;

    auto client = [&](int index) {
        clientsReady.count_down();
        startSignal.wait();
        std::mt19937_64 random(seed ^ (0x9e3779b97f4a7c15ULL * std::uint64_t(index + 1)));
        const double meanGapNs = 1e9 / offeredPerThread;
        std::exponential_distribution<double> poissonGap(1.0 / meanGapNs);
        std::exponential_distribution<double> clumpGap(1.0 / (meanGapNs * double(clump)));
        std::int64_t inClump = 0;
        auto gap = [&]() -> double {
            if (arrival == u"constant")
                return meanGapNs;
            if (arrival == u"poisson")
                return poissonGap(random);
            // Bursty: `clump` requests at the same instant, clumps arriving as a Poisson process.
            if (++inClump < clump)
                return 0.0;
            inClump = 0;
            return clumpGap(random);
        };
        LatencySamples& mine = samples[std::size_t(index)];
        double next = double(start) + gap();
        std::uint64_t mineAttempts = 0;
        while (!context.cancel.load(std::memory_order_relaxed)) {
            const std::int64_t now = steadyNanos();
            if (now >= end)
                break;
            std::uint64_t batch = 0;
            while (next <= double(now) && next < double(end)) {
                const std::int64_t before = steadyNanos();
                bucket.tryAcquire(1);
                const double micros = double(steadyNanos() - before) / 1000.0;
                mine.add(micros);
                if ((mineAttempts++ & 15) == 0)
                    context.meter.offerLatency(micros);
                ++batch;
                next += gap();
            }
            context.meter.addOps(batch);
            attempts.fetch_add(batch, std::memory_order_relaxed);
            const double wait = std::min(next, double(end)) - double(steadyNanos());
            if (wait > 0)
                std::this_thread::sleep_for(std::chrono::nanoseconds(std::int64_t(std::min(wait, 5e6))));
        }
    };
    std::vector<std::thread> clients;
    for (int t = 0; t < threads; ++t)
        clients.emplace_back(client, t);
    clientsReady.wait();
    start = steadyNanos();
    end = start + durationNs;
    startSignal.count_down();
    for (std::thread& thread : clients)
        thread.join();
    const double seconds = double(std::min(steadyNanos(), end) - start) / 1e9;

    const LimiterStats stats = bucket.stats();
    QMap<QString, double> metrics;
    if (seconds > 0) {
        metrics.insert(QStringLiteral("throughput_ops_per_s"), double(attempts.load()) / seconds);
        metrics.insert(QStringLiteral("admitted_per_s"), double(stats.admittedTokens) / seconds);
        // 1.0: granted everything it was asked for, up to what the bucket allows; above 1 would be a bug.
        const double allowed = std::min(double(attempts.load()), rate * seconds + double(burst));
        if (allowed > 0)
            metrics.insert(QStringLiteral("admitted_rate_accuracy"), double(stats.admittedTokens) / allowed);
    }
    LatencySamples::summarize(samples, metrics);
    if (context.metrics)
        context.metrics->remove(registration);
    return metrics;
}

} // namespace perfdash
