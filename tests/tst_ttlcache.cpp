#include "CacheAside.h"
#include "HeadlessTestMain.h"
#include "TtlCache.h"

#include <QTest>
#include <atomic>
#include <barrier>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>

using namespace perfdash;
using namespace std::chrono_literals;

class TestTtlCache : public QObject {
    Q_OBJECT

    using IntCache = TtlCache<int, int>;
    using StringCache = TtlCache<std::string, int>;

    static IntCache::Options options(std::size_t capacity, EvictionPolicy policy, std::atomic<std::int64_t>* now)
    {
        IntCache::Options result;
        result.capacity = capacity;
        result.policy = policy;
        result.shards = 1;
        result.defaultTtl = 1s;
        if (now)
            result.clock = [now] { return now->load(); };
        return result;
    }

private Q_SLOTS:
    void entriesExpireAfterTheirTtl()
    {
        std::atomic<std::int64_t> now { 1'000 };
        IntCache cache(options(10, EvictionPolicy::Lru, &now));
        cache.put(1, 10); // default TTL 1 s
        cache.put(2, 20, 5s);
        now += 999'999'999;
        QCOMPARE(cache.get(1), std::optional<int>(10));
        now += 1; // exactly at expiry: gone
        QCOMPARE(cache.get(1), std::nullopt);
        QCOMPARE(cache.get(2), std::optional<int>(20));
        now += 4'000'000'000;
        QCOMPARE(cache.get(2), std::nullopt);
        const CacheStats stats = cache.stats();
        QCOMPARE(stats.expirations, 2u);
        QCOMPARE(stats.hits, 2u);
        QCOMPARE(stats.misses, 2u);
        QCOMPARE(stats.size, 0u);
    }

    void putRefreshesTheTtl()
    {
        std::atomic<std::int64_t> now { 0 };
        IntCache cache(options(10, EvictionPolicy::Lru, &now));
        cache.put(1, 10);
        now += 800'000'000;
        cache.put(1, 11);
        now += 800'000'000;
        QCOMPARE(cache.get(1), std::optional<int>(11));
    }

    void lruEvictsTheLeastRecentlyUsed()
    {
        IntCache cache(options(3, EvictionPolicy::Lru, nullptr));
        cache.put(1, 1);
        cache.put(2, 2);
        cache.put(3, 3);
        QVERIFY(cache.get(1)); // order now 1, 3, 2 (most recent first)
        cache.put(4, 4); // evicts 2
        QVERIFY(!cache.peek(2));
        QVERIFY(cache.get(3)); // order 3, 4, 1
        cache.put(5, 5); // evicts 1
        QVERIFY(!cache.peek(1));
        QVERIFY(cache.peek(3) && cache.peek(4) && cache.peek(5));
        QCOMPARE(cache.stats().evictions, 2u);
        QCOMPARE(cache.size(), 3u);
    }

    void tinyLfuKeepsFrequentKeysThroughAScan()
    {
        // A hot set read often, then a one-pass scan of many cold keys: LRU loses the hot set. W-TinyLFU
        // refuses the cold keys admission; SIEVE's hand clears the hot keys' bits once, then stays behind the
        // newest (unread) keys and evicts those; S3-FIFO moved the hot keys to its main queue and evicts the
        // cold ones from its small queue.
        for (EvictionPolicy policy :
            { EvictionPolicy::Lru, EvictionPolicy::TinyLfu, EvictionPolicy::Sieve, EvictionPolicy::S3Fifo }) {
            IntCache cache(options(100, policy, nullptr));
            for (int round = 0; round < 20; ++round) {
                for (int key = 0; key < 50; ++key) {
                    if (!cache.get(key))
                        cache.put(key, key);
                }
            }
            for (int key = 1000; key < 2000; ++key)
                cache.put(key, key);
            int hotLeft = 0;
            for (int key = 0; key < 50; ++key)
                hotLeft += cache.peek(key) ? 1 : 0;
            if (policy == EvictionPolicy::Lru)
                QCOMPARE(hotLeft, 0);
            else
                QVERIFY2(hotLeft >= 45, qPrintable(QString::number(hotLeft)));
            QVERIFY(cache.size() <= 100);
        }
    }

    void sieveKeepsAVisitedKeyThroughOneTimeKeys()
    {
        // SIEVE's hand stays just behind the newest entries while they go unread, so a stream of one-time
        // keys evicts its own members and leaves the visited key at the tail alone; LRU moves it out.
        for (EvictionPolicy policy : { EvictionPolicy::Lru, EvictionPolicy::Sieve }) {
            IntCache cache(options(3, policy, nullptr));
            cache.put(1, 1);
            cache.put(2, 2);
            cache.put(3, 3);
            QVERIFY(cache.get(1));
            cache.put(4, 4);
            // LRU evicts 2, the least recent; SIEVE's hand starts at the oldest (1, visited: its bit is
            // cleared) and evicts 2, the next.
            QCOMPARE(bool(cache.peek(2)), false);
            QVERIFY(cache.peek(3));
            for (int key = 100; key < 200; ++key)
                cache.put(key, key);
            QCOMPARE(bool(cache.peek(1)), policy == EvictionPolicy::Sieve);
            QCOMPARE(cache.size(), 3u);
            QCOMPARE(cache.stats().evictions, 101u);
        }
    }

    void s3FifoRemembersAnEvictedKeyAsAGhost()
    {
        // A key evicted from the small queue unread and asked for again goes to the main queue, where a
        // scan of one-time keys (which pass through the small queue) leaves it alone.
        for (EvictionPolicy policy : { EvictionPolicy::Lru, EvictionPolicy::S3Fifo }) {
            IntCache cache(options(10, policy, nullptr));
            cache.put(1, 1);
            for (int key = 2; key <= 11; ++key)
                cache.put(key, key);
            QVERIFY(!cache.peek(1)); // the oldest, never read again: evicted by both
            cache.put(1, 1);
            for (int key = 20; key < 60; ++key)
                cache.put(key, key);
            QCOMPARE(bool(cache.peek(1)), policy == EvictionPolicy::S3Fifo);
            QCOMPARE(cache.size(), 10u);
        }
    }

    void s3FifoPromotesAKeyReadTwiceInTheSmallQueue()
    {
        // Capacity 10: a small queue of 1. Key 1 read once more is evicted to the ghosts; key 2 read twice
        // more moves to main and survives the keys that follow.
        IntCache once(options(10, EvictionPolicy::S3Fifo, nullptr));
        IntCache twice(options(10, EvictionPolicy::S3Fifo, nullptr));
        once.put(1, 1);
        QVERIFY(once.get(1));
        twice.put(2, 2);
        QVERIFY(twice.get(2));
        QVERIFY(twice.get(2));
        for (int key = 100; key < 110; ++key) {
            once.put(key, key);
            twice.put(key, key);
        }
        QVERIFY(!once.peek(1));
        QVERIFY(twice.peek(2));
    }

    // Random puts, gets, invalidations, expiries and clears against a plain map of what must be there:
    // every hit returns the last value put, the size never passes the capacity, and nothing dangles
    // (SIEVE's hand over erased entries; run under ASan in CI).
    void everyPolicyStaysConsistentUnderRandomOperations()
    {
        for (EvictionPolicy policy :
            { EvictionPolicy::Lru, EvictionPolicy::TinyLfu, EvictionPolicy::Sieve, EvictionPolicy::S3Fifo }) {
            std::atomic<std::int64_t> now { 0 };
            IntCache cache(options(37, policy, &now));
            std::unordered_map<int, std::pair<int, std::int64_t>> lastPut; // key → value, expiry
            std::mt19937 random(int(policy) + 1);
            std::uint64_t hits = 0;
            for (int i = 0; i < 40'000; ++i) {
                const int key = int(random() % 150);
                switch (random() % 20) {
                case 0:
                    cache.invalidate(key);
                    lastPut.erase(key);
                    break;
                case 1:
                    now += 50'000'000; // 50 ms: some entries of a 1 s TTL expire on the way
                    break;
                case 2:
                    if (random() % 200 == 0) {
                        cache.clear();
                        lastPut.clear();
                    }
                    break;
                case 3:
                case 4:
                case 5:
                case 6:
                case 7: {
                    const int value = int(random());
                    cache.put(key, value);
                    lastPut[key] = { value, now.load() + 1'000'000'000 };
                    break;
                }
                default:
                    if (const auto value = cache.get(key)) {
                        ++hits;
                        const auto expected = lastPut.find(key);
                        QVERIFY2(expected != lastPut.end() && expected->second.first == *value
                                && expected->second.second > now.load(),
                            qPrintable(QStringLiteral("policy %1, step %2: key %3 returned a value it should not have")
                                           .arg(int(policy))
                                           .arg(i)
                                           .arg(key)));
                    }
                }
                QVERIFY(cache.size() <= 37);
            }
            QVERIFY2(hits > 1000, qPrintable(QString::number(hits)));
        }
    }

    void invalidateRemovesOneKey()
    {
        IntCache cache(options(10, EvictionPolicy::TinyLfu, nullptr));
        cache.put(1, 1);
        cache.put(2, 2);
        QVERIFY(cache.invalidate(1));
        QVERIFY(!cache.invalidate(1));
        QVERIFY(!cache.get(1));
        QVERIFY(cache.get(2));
        cache.clear();
        QCOMPARE(cache.size(), 0u);
        QVERIFY(!cache.get(2));
    }

    void invalidatePrefixRemovesMatchingKeysInEveryShard()
    {
        StringCache::Options stringOptions;
        stringOptions.capacity = 4096;
        stringOptions.shards = 8;
        StringCache cache(stringOptions);
        QCOMPARE(cache.shardCount(), 8u);
        for (int i = 0; i < 100; ++i) {
            cache.put("user:" + std::to_string(i), i);
            cache.put("trend:" + std::to_string(i), i);
        }
        cache.put("use", 1); // shorter than the prefix: kept
        QCOMPARE(cache.invalidatePrefix("user:"), 100u);
        QCOMPARE(cache.size(), 101u);
        QVERIFY(!cache.get("user:7"));
        QVERIFY(cache.get("trend:7"));
        QVERIFY(cache.get("use"));
        QCOMPARE(cache.invalidatePrefix(""), 101u);
    }

    void concurrentUseKeepsCountsAndCapacity()
    {
        for (EvictionPolicy policy :
            { EvictionPolicy::Lru, EvictionPolicy::TinyLfu, EvictionPolicy::Sieve, EvictionPolicy::S3Fifo }) {
            IntCache::Options shared;
            shared.capacity = 512;
            shared.policy = policy;
            shared.shards = 4; // several locks, several threads
            IntCache cache(shared);
            constexpr int threads = 4;
            constexpr int perThread = 20'000;
            std::vector<std::thread> workers;
            workers.reserve(std::size_t(threads));
            for (int t = 0; t < threads; ++t) {
                workers.emplace_back([&cache, t] {
                    for (int i = 0; i < perThread; ++i) {
                        const int key = (i * 7919 + t * 104729) % 2000;
                        if (i % 5 == 0)
                            cache.put(key, key);
                        else if (const auto value = cache.get(key); value && *value != key)
                            qFatal("wrong value for a key");
                        if (i % 1000 == 0)
                            cache.invalidate(key);
                    }
                });
            }
            for (std::thread& worker : workers)
                worker.join();
            const CacheStats stats = cache.stats();
            QCOMPARE(stats.hits + stats.misses, std::uint64_t(threads * perThread * 4 / 5));
            QVERIFY(stats.size <= 512);
            QVERIFY(stats.evictions > 0);
        }
    }

    void singleFlightLoadsOnceForConcurrentMisses()
    {
        IntCache cache(options(100, EvictionPolicy::Lru, nullptr));
        CacheAside<int, int> aside(cache);
        constexpr int threads = 8;
        std::atomic<int> loaderCalls { 0 };
        std::atomic<bool> release { false };
        std::vector<int> results(threads, 0);
        std::vector<std::thread> callers;
        callers.reserve(std::size_t(threads));
        for (int t = 0; t < threads; ++t) {
            callers.emplace_back([&, t] {
                results[std::size_t(t)] = aside.get(42, [&](int key) {
                    ++loaderCalls;
                    // Hold the load until every other caller is waiting on it.
                    while (!release.load())
                        std::this_thread::yield();
                    return key * 10;
                });
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(aside.coalesced(), std::uint64_t(threads - 1), 10000);
        release = true;
        for (std::thread& caller : callers)
            caller.join();
        QCOMPARE(loaderCalls.load(), 1);
        QCOMPARE(aside.loads(), 1u);
        for (int result : results)
            QCOMPARE(result, 420);
        QCOMPARE(cache.get(42), std::optional<int>(420));
    }

    void aFailedLoadReachesEveryWaiterAndIsNotCached()
    {
        IntCache cache(options(100, EvictionPolicy::Lru, nullptr));
        CacheAside<int, int> aside(cache);
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error, aside.get(1, [](int) -> int { throw std::runtime_error("backend down"); }));
        QVERIFY(!cache.peek(1));
        QCOMPARE(aside.get(1, [](int key) { return key + 1; }), 2);
        QCOMPARE(aside.loads(), 2u);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestTtlCache)
#include "tst_ttlcache.moc"
