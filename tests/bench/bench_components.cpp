// Row 6 of the table: the bundled profiling components against the textbook baselines, measured in the
// same run — cache get-hit and limiter tryAcquire cost on 1 and 2 threads, and W-TinyLFU against LRU,
// SIEVE, S3-FIFO and Bélády miss ratios on Zipf traces.
#include "BenchSupport.h"
#include "KeyTraceFile.h"
#include "OfflineCacheSimulator.h"
#include "TokenBucket.h"
#include "TtlCache.h"
#include "ZipfGenerator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <list>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

using namespace perfdash;
using namespace perfdash::bench;

namespace {

const std::string section = "6 Profiling components";
constexpr std::size_t cacheKeys = 50'000;
constexpr std::size_t opsPerThread = 2'000'000;

// The baseline everyone writes first: one mutex around an unordered_map and a recency list.
class MutexLru {
public:
    explicit MutexLru(std::size_t capacity)
        : m_capacity(capacity)
    {
    }

    std::optional<std::uint64_t> get(std::uint64_t key)
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_index.find(key);
        if (found == m_index.end())
            return std::nullopt;
        m_order.splice(m_order.begin(), m_order, found->second);
        return found->second->second;
    }

    void put(std::uint64_t key, std::uint64_t value)
    {
        std::lock_guard lock(m_mutex);
        if (const auto found = m_index.find(key); found != m_index.end()) {
            found->second->second = value;
            m_order.splice(m_order.begin(), m_order, found->second);
            return;
        }
        if (m_index.size() >= m_capacity) {
            m_index.erase(m_order.back().first);
            m_order.pop_back();
        }
        m_order.emplace_front(key, value);
        m_index.emplace(key, m_order.begin());
    }

private:
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::list<std::pair<std::uint64_t, std::uint64_t>> m_order;
    std::unordered_map<std::uint64_t, std::list<std::pair<std::uint64_t, std::uint64_t>>::iterator> m_index;
};

// The classic refill-on-demand token bucket under a mutex.
class MutexTokenBucket {
public:
    MutexTokenBucket(double rate, double burst)
        : m_rate(rate)
        , m_burst(burst)
        , m_tokens(burst)
        , m_last(std::chrono::steady_clock::now())
    {
    }

    bool tryAcquire()
    {
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        m_tokens = std::min(m_burst, m_tokens + std::chrono::duration<double>(now - m_last).count() * m_rate);
        m_last = now;
        if (m_tokens < 1)
            return false;
        m_tokens -= 1;
        return true;
    }

private:
    double m_rate;
    double m_burst;
    double m_tokens;
    std::chrono::steady_clock::time_point m_last;
    std::mutex m_mutex;
};

std::vector<std::uint64_t> shuffledKeys(std::uint64_t seed)
{
    std::vector<std::uint64_t> keys(cacheKeys);
    for (std::size_t i = 0; i < keys.size(); ++i)
        keys[i] = i;
    std::shuffle(keys.begin(), keys.end(), std::mt19937_64(seed));
    return keys;
}

// Runs `operation(thread, i)` opsPerThread times on each of `threads` threads; wall-clock ns per operation
// per thread (what one caller pays when that many call at once).
template <typename Operation> double nanosecondsPerOp(int threads, Operation operation)
{
    std::vector<std::thread> workers;
    const auto start = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (std::size_t i = 0; i < opsPerThread; ++i)
                operation(t, i);
        });
    }
    for (std::thread& worker : workers)
        worker.join();
    const double wall = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    return wall / double(opsPerThread);
}

std::string threadsRow(const char* what, int threads)
{
    return std::string(what) + (threads == 1 ? ", 1 thread" : ", " + std::to_string(threads) + " threads");
}

void cacheHitOurs(benchmark::State& state)
{
    const int threads = int(state.range(0));
    TtlCache<std::uint64_t, std::uint64_t>::Options options;
    options.capacity = cacheKeys * 2;
    TtlCache<std::uint64_t, std::uint64_t> cache(options);
    const auto keys = shuffledKeys(1);
    for (std::uint64_t key : keys)
        cache.put(key, key);
    for (auto _ : state) {
        setValue(state, nanosecondsPerOp(threads, [&](int t, std::size_t i) {
            benchmark::DoNotOptimize(cache.get(keys[(i + std::size_t(t) * 7919) % cacheKeys]));
        }));
    }
    rowLabel(state, section, threadsRow("cache get-hit", threads), "ours: TtlCache (LRU, TTL check)", "ns/op");
}

void cacheHitBaseline(benchmark::State& state)
{
    const int threads = int(state.range(0));
    MutexLru cache(cacheKeys * 2);
    const auto keys = shuffledKeys(1);
    for (std::uint64_t key : keys)
        cache.put(key, key);
    for (auto _ : state) {
        setValue(state, nanosecondsPerOp(threads, [&](int t, std::size_t i) {
            benchmark::DoNotOptimize(cache.get(keys[(i + std::size_t(t) * 7919) % cacheKeys]));
        }));
    }
    rowLabel(state, section, threadsRow("cache get-hit", threads), "baseline: unordered_map + list + mutex", "ns/op");
}

void limiterOurs(benchmark::State& state)
{
    const int threads = int(state.range(0));
    TokenBucket bucket({ 1e6, 1000, {}, {} });
    for (auto _ : state)
        setValue(
            state, nanosecondsPerOp(threads, [&](int, std::size_t) { benchmark::DoNotOptimize(bucket.tryAcquire()); }));
    rowLabel(state, section, threadsRow("limiter tryAcquire", threads), "ours: TokenBucket (lock-free)", "ns/op");
}

void limiterBaseline(benchmark::State& state)
{
    const int threads = int(state.range(0));
    MutexTokenBucket bucket(1e6, 1000);
    for (auto _ : state)
        setValue(
            state, nanosecondsPerOp(threads, [&](int, std::size_t) { benchmark::DoNotOptimize(bucket.tryAcquire()); }));
    rowLabel(state, section, threadsRow("limiter tryAcquire", threads), "baseline: mutex token bucket", "ns/op");
}

// The trace of the miss-ratio rows: a million reads of 100,000 Zipf keys, the same for every policy.
const std::vector<std::uint32_t>& zipfTrace(double exponent)
{
    static std::map<double, std::vector<std::uint32_t>> traces;
    auto& trace = traces[exponent];
    if (trace.empty()) {
        const ZipfGenerator zipf(100'000, exponent);
        std::mt19937_64 random(11);
        trace.resize(1'000'000);
        for (std::uint32_t& key : trace)
            key = zipf.next(random);
    }
    return trace;
}

// The shipped trace (resources/traces): 100,000 requests to 43,834 keys, replayed without its times.
const std::vector<std::uint32_t>& shippedTrace()
{
    static const std::vector<std::uint32_t> keys = [] {
        QString error;
        const auto trace = readKeyTrace(QStringLiteral(PERFDASH_RESOURCES "/traces/agent-cache-trace.csv.gz"), &error);
        if (!trace)
            qFatal("%s", qPrintable(error));
        return trace->keys;
    }();
    return keys;
}

constexpr std::size_t missRatioCapacity = 1000;
constexpr std::size_t shippedTraceCapacity = 2000;

// Miss ratio in percent (lower is better) of a cache of `capacity` entries on the trace, cache-aside: a
// miss stores.
double missPercent(EvictionPolicy policy, const std::vector<std::uint32_t>& trace, std::size_t capacity)
{
    TtlCache<std::uint64_t, std::uint64_t>::Options options;
    options.capacity = capacity;
    options.policy = policy;
    options.shards = 1;
    TtlCache<std::uint64_t, std::uint64_t> cache(options);
    for (const std::uint32_t key : trace) {
        if (!cache.get(key))
            cache.put(key, key);
    }
    return 100.0 * (1.0 - cache.stats().hitRatio());
}

// One row per trace (Zipf exponent ×10, or 0 for the shipped trace): W-TinyLFU (the default) against LRU,
// SIEVE, S3-FIFO and Bélády's optimum (which may decline to store a key, as W-TinyLFU's admission does),
// all on the same trace.
void missRatio(benchmark::State& state)
{
    const double exponent = double(state.range(0)) / 10.0;
    const int contender = int(state.range(1));
    const bool shipped = state.range(0) == 0;
    const auto& trace = shipped ? shippedTrace() : zipfTrace(exponent);
    const std::size_t capacity = shipped ? shippedTraceCapacity : missRatioCapacity;
    const std::pair<EvictionPolicy, const char*> policies[]
        = { { EvictionPolicy::TinyLfu, "ours: W-TinyLFU" }, { EvictionPolicy::Lru, "baseline: LRU" },
              { EvictionPolicy::Sieve, "baseline: SIEVE" }, { EvictionPolicy::S3Fifo, "baseline: S3-FIFO" } };
    std::string role = "baseline: Bélády (optimal)";
    for (auto _ : state) {
        if (contender < 4) {
            setValue(state, missPercent(policies[contender].first, trace, capacity));
            role = policies[contender].second;
        } else {
            setValue(state, 100.0 * (1.0 - OfflineCacheSimulator::beladyHitRatio(trace, capacity)));
        }
    }
    rowLabel(state, section,
        shipped ? std::string("miss ratio, shipped agent-cache trace, 2,000 entries")
                : "miss ratio, Zipf " + std::to_string(exponent).substr(0, 3) + ", 1,000 of 100,000 keys",
        role, "% misses");
}

} // namespace

BENCHMARK(cacheHitOurs)->Arg(1)->Arg(2)->Iterations(1)->UseRealTime();
BENCHMARK(cacheHitBaseline)->Arg(1)->Arg(2)->Iterations(1)->UseRealTime();
BENCHMARK(limiterOurs)->Arg(1)->Arg(2)->Iterations(1)->UseRealTime();
BENCHMARK(limiterBaseline)->Arg(1)->Arg(2)->Iterations(1)->UseRealTime();
BENCHMARK(missRatio)->ArgsProduct({ { 8, 10, 0 }, { 0, 1, 2, 3, 4 } })->Iterations(1);
