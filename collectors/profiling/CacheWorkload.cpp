#include "CacheWorkload.h"

#include "CacheAside.h"
#include "KeyTraceFile.h"
#include "LatencySamples.h"
#include "LiveMeter.h"
#include "LocalRedis.h"
#include "OfflineCacheSimulator.h"
#include "ProfilingMetrics.h"
#include "RedisTier.h"
#include "TtlCache.h"
#include "ZipfGenerator.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <algorithm>
#include <stdexcept>
#include <thread>

namespace perfdash {

namespace {
    // The second tier the settings ask for, started and connected; null for a one-tier run. A private
    // server that cannot start, or an address that cannot be parsed, throws: the run cannot be what was asked.
    std::unique_ptr<RedisTier> redisTierFor(
        const ProfileSettings& settings, int repetition, std::unique_ptr<LocalRedis>& privateServer)
    {
        const QString where = settings.text(QStringLiteral("redis")).trimmed();
        if (where.isEmpty())
            return nullptr;
        RedisTier::Options options;
        if (where == QLatin1String("private")) {
            privateServer = std::make_unique<LocalRedis>();
            QString error;
            if (!privateServer->start(&error))
                throw std::runtime_error(error.toStdString());
            options.address = privateServer->address();
        } else {
            QString error;
            const std::optional<RedisAddress> address = RedisAddress::parse(where, &error);
            if (!address)
                throw std::runtime_error(error.toStdString());
            options.address = *address;
            options.address.password = qEnvironmentVariable("PERFDASH_REDIS_PASSWORD");
        }
        // A prefix of this repetition's own: it starts cold, as L1 does, and never touches a user's keys.
        options.keyPrefix = QStringLiteral("perfdash:profile:%1:%2:%3:")
                                .arg(QCoreApplication::applicationPid())
                                .arg(QRandomGenerator::global()->generate64(), 0, 16)
                                .arg(repetition)
                                .toUtf8();
        options.ttl = std::chrono::milliseconds(settings.integer(QStringLiteral("redis_ttl_ms")));
        options.timeout = std::chrono::milliseconds(settings.integer(QStringLiteral("redis_timeout_ms")));
        return std::make_unique<RedisTier>(std::move(options));
    }
}

CacheWorkload::CacheWorkload(const ProfileSettings& settings)
    : m_settings(settings)
{
}

QMap<QString, double> CacheWorkload::run(Context& context)
{
    const auto keys = std::uint32_t(m_settings.integer(QStringLiteral("keys")));
    const auto capacity = std::size_t(m_settings.integer(QStringLiteral("capacity")));
    std::size_t ops = std::size_t(m_settings.integer(QStringLiteral("ops")));
    const int threads = int(m_settings.integer(QStringLiteral("threads")));
    const double readRatio = m_settings.real(QStringLiteral("read_ratio"));
    const std::int64_t durationNs = m_settings.integer(QStringLiteral("duration_ms")) * 1'000'000;
    const auto missLatency = std::chrono::microseconds(m_settings.integer(QStringLiteral("miss_latency_us")));
    const std::uint64_t seed
        = std::uint64_t(m_settings.integer(QStringLiteral("seed"))) * 7919 + std::uint64_t(context.repetition);

    // A user's key trace replaces the Zipf keys; every access in it is a read.
    std::shared_ptr<const KeyTrace> userTrace;
    if (const QString path = m_settings.text(QStringLiteral("trace")); !path.isEmpty()) {
        QString error;
        userTrace = readKeyTrace(path, &error);
        if (!userTrace)
            throw std::runtime_error(error.toStdString());
        ops = userTrace->keys.size();
    }

    // The trace every thread shares, thread t taking positions t, t + threads, …
    std::vector<std::uint32_t> generated(userTrace ? 0 : ops);
    const std::vector<std::uint32_t>& trace = userTrace ? userTrace->keys : generated;
    if (!userTrace) {
        const ZipfGenerator zipf(keys, m_settings.real(QStringLiteral("zipf")));
        std::mt19937_64 random(seed);
        std::bernoulli_distribution isWrite(1.0 - readRatio);
        for (std::uint32_t& entry : generated)
            entry = zipf.next(random) | (isWrite(random) ? OfflineCacheSimulator::writeBit : 0);
    }

    std::unique_ptr<LocalRedis> privateRedis;
    const std::unique_ptr<RedisTier> redis = redisTierFor(m_settings, context.repetition, privateRedis);
    // A load is one trip past the in-process tier; in a two-tier run Redis answers first, and the backend
    // only on a Redis miss or failure, storing into Redis on the way back. CacheAside's single-flight
    // covers both tiers: concurrent misses on a key make one GET and at most one backend load.
    std::atomic<std::uint64_t> backendLoads { 0 };
    auto load = [&](std::uint64_t key) {
        if (redis) {
            if (const std::optional<std::uint64_t> value = redis->get(key))
                return *value;
        }
        backendLoads.fetch_add(1, std::memory_order_relaxed);
        if (missLatency.count() > 0)
            std::this_thread::sleep_for(missLatency);
        const std::uint64_t value = key * 2654435761ULL;
        if (redis)
            redis->set(key, value);
        return value;
    };

    using Cache = TtlCache<std::uint64_t, std::uint64_t>;
    Cache::Options options;
    options.capacity = capacity;
    // ProfileSettings has checked the name against the same list.
    options.policy = evictionPolicyNamed(m_settings.text(QStringLiteral("policy")).toStdString())
                         .value_or(EvictionPolicy::TinyLfu);
    options.defaultTtl = std::chrono::milliseconds(m_settings.integer(QStringLiteral("ttl_ms")));
    // With the trace's own times, entries expire in trace time: the clock is the latest access replayed.
    const std::vector<double>* times
        = userTrace && !userTrace->timesSeconds.empty() ? &userTrace->timesSeconds : nullptr;
    std::atomic<std::int64_t> traceNow { times ? std::int64_t(times->front() * 1e9) : 0 };
    // Cycling a timed trace (duration_ms) goes on in time: each pass is shifted by the trace's span and
    // one mean gap, so the clock never runs backwards and entries keep expiring.
    const double passSeconds
        = times && times->size() > 1 ? (times->back() - times->front()) * (1.0 + 1.0 / double(times->size() - 1)) : 1.0;
    if (times)
        options.clock = [&traceNow] { return traceNow.load(std::memory_order_relaxed); };
    Cache cache(options);
    CacheAside<std::uint64_t, std::uint64_t> aside(cache);
    const int registration
        = context.metrics ? context.metrics->addCache("profile", [&cache] { return cache.stats(); }) : 0;

    context.meter.begin(durationNs > 0 ? 0 : ops, durationNs);
    context.meter.setHitRatioReader([&cache] { return cache.stats().hitRatio(); });

    std::vector<LatencySamples> samples;
    samples.reserve(std::size_t(threads));
    for (int t = 0; t < threads; ++t)
        samples.emplace_back(std::size_t(1) << 20, seed + std::uint64_t(t));
    std::atomic<std::uint64_t> done { 0 };
    std::atomic<std::uint64_t> reads { 0 };
    const std::int64_t start = steadyNanos();

    auto worker = [&](int index) {
        LatencySamples& mine = samples[std::size_t(index)];
        std::uint64_t batch = 0;
        std::uint64_t myReads = 0;
        std::size_t position = std::size_t(index);
        std::int64_t pass = 0;
        for (std::uint64_t n = 0;; ++n) {
            if (position >= trace.size()) {
                if (durationNs <= 0 || trace.empty())
                    break;
                position = std::size_t(index) % trace.size(); // duration mode: cycle the trace
                ++pass;
            }
            const std::uint32_t entry = trace[position];
            const std::uint64_t key = entry & ~OfflineCacheSimulator::writeBit;
            if (times) {
                // Clamped: a short trace cycled for an hour could pass the 64-bit nanosecond range.
                const auto at = std::int64_t(
                    std::clamp(((*times)[position] + double(pass) * passSeconds) * 1e9, -9.2e18, 9.2e18));
                std::int64_t seen = traceNow.load(std::memory_order_relaxed);
                while (at > seen && !traceNow.compare_exchange_weak(seen, at, std::memory_order_relaxed)) { }
            }
            position += std::size_t(threads);
            const std::int64_t before = steadyNanos();
            if ((entry & OfflineCacheSimulator::writeBit) == 0) {
                ++myReads;
                aside.get(key, load);
            } else {
                cache.put(key, key);
                if (redis)
                    redis->set(key, key); // write-through: L2 gets the written value too
            }
            const std::int64_t after = steadyNanos();
            const double micros = double(after - before) / 1000.0;
            mine.add(micros);
            if ((n & 31) == 0)
                context.meter.offerLatency(micros);
            if (++batch == 256) {
                context.meter.addOps(batch);
                done.fetch_add(batch, std::memory_order_relaxed);
                batch = 0;
            }
            // After every operation: one that waited out a slow Redis may alone have used up the time.
            if (context.cancel.load(std::memory_order_relaxed) || (durationNs > 0 && after - start >= durationNs))
                break;
        }
        context.meter.addOps(batch);
        done.fetch_add(batch, std::memory_order_relaxed);
        reads.fetch_add(myReads, std::memory_order_relaxed);
    };
    std::vector<std::thread> workers;
    workers.reserve(std::size_t(threads));
    for (int t = 0; t < threads; ++t)
        workers.emplace_back(worker, t);
    for (std::thread& thread : workers)
        thread.join();
    const double seconds = double(steadyNanos() - start) / 1e9;

    QMap<QString, double> metrics;
    metrics.insert(QStringLiteral("throughput_ops_per_s"), seconds > 0 ? double(done.load()) / seconds : 0);
    LatencySamples::summarize(samples, metrics);
    metrics.insert(QStringLiteral("hit_ratio"), cache.stats().hitRatio());
    if (redis) {
        // Combined: the reads that never reached the backend, whichever tier (or a coalesced wait) served them.
        const double readCount = double(reads.load());
        metrics.insert(QStringLiteral("combined_hit_ratio"),
            readCount > 0 ? std::max(0.0, 1.0 - double(backendLoads.load()) / readCount) : 0);
        redis->addMetrics(metrics, seconds);
        if (const QString note = redis->failureNote(); context.notes && !note.isEmpty())
            *context.notes << QStringLiteral("repetition %1: %2").arg(context.repetition + 1).arg(note);
        if (QString error; !redis->invalidate(&error) && context.notes)
            *context.notes << QStringLiteral("repetition %1: its Redis keys were not removed: %2")
                                  .arg(context.repetition + 1)
                                  .arg(error);
    }
    if (!context.cancel.load()) {
        metrics.insert(QStringLiteral("lru_hit_ratio_offline"), OfflineCacheSimulator::lruHitRatio(trace, capacity));
        metrics.insert(QStringLiteral("belady_hit_ratio"), OfflineCacheSimulator::beladyHitRatio(trace, capacity));
    }
    context.meter.setHitRatioReader(nullptr);
    if (context.metrics)
        context.metrics->remove(registration);
    return metrics;
}

} // namespace perfdash
