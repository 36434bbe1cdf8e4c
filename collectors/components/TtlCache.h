#pragma once

#include "CacheStats.h"
#include "EvictionPolicy.h"
#include "FrequencySketch.h"
#include "NanoClock.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace perfdash {

// A capacity-bounded, thread-safe cache whose entries expire after a time to live. Keys may be spread over
// independently locked shards (each with its share of the capacity); eviction order is then exact per
// shard and approximate across shards.
template <typename Key, typename Value, typename Hash = std::hash<Key>> class TtlCache {
public:
    struct Options {
        std::size_t capacity = 1024;
        EvictionPolicy policy = EvictionPolicy::Lru;
        std::chrono::nanoseconds defaultTtl = std::chrono::minutes(1);
        // Independently locked shards. One by default: on the 2-core machine it was measured on, 16 shards
        // cost 3x per hit (scripts/bench) and did not pay back with 2 threads; raise it for many cores.
        int shards = 1;
        // Empty: the coarse monotonic clock (ms resolution; reading steady_clock on every get costs more
        // than the lookup itself on some VMs).
        NanoClock clock;
    };

    explicit TtlCache(Options options)
        : m_clock(options.clock ? std::move(options.clock) : NanoClock(&coarseSteadyNanos))
        , m_defaultTtl(options.defaultTtl)
        , m_policy(options.policy)
        , m_capacity(std::max<std::size_t>(options.capacity, 1))
    {
        const std::size_t shards = std::min(std::size_t(std::max(options.shards, 1)), m_capacity);
        // Spread the capacity exactly: the shards' capacities add up to the cache's.
        for (std::size_t i = 0; i < shards; ++i) {
            const std::size_t share = m_capacity / shards + (i < m_capacity % shards ? 1 : 0);
            m_shards.push_back(std::make_unique<Shard>(share, m_policy));
        }
    }

    std::optional<Value> get(const Key& key)
    {
        const std::uint64_t hash = mix(m_hash(key));
        Shard& shard = shardFor(hash);
        std::lock_guard lock(shard.mutex);
        if (m_policy == EvictionPolicy::TinyLfu)
            shard.sketch.increment(hash);
        const auto found = shard.index.find(key);
        if (found == shard.index.end()) {
            ++shard.misses;
            return std::nullopt;
        }
        const auto node = found->second;
        if (node->expiresAt <= m_clock()) {
            shard.erase(found);
            ++shard.expirations;
            ++shard.misses;
            return std::nullopt;
        }
        ++shard.hits;
        shard.touch(node);
        return node->value;
    }

    // Looks without counting a hit or a miss and without refreshing recency.
    std::optional<Value> peek(const Key& key) const
    {
        const Shard& shard = shardFor(mix(m_hash(key)));
        std::lock_guard lock(shard.mutex);
        const auto found = shard.index.find(key);
        if (found == shard.index.end() || found->second->expiresAt <= m_clock())
            return std::nullopt;
        return found->second->value;
    }

    // ttl 0 (or less): the cache's default time to live.
    void put(const Key& key, Value value, std::chrono::nanoseconds ttl = std::chrono::nanoseconds(0))
    {
        const std::uint64_t hash = mix(m_hash(key));
        Shard& shard = shardFor(hash);
        const std::int64_t expiresAt = m_clock() + (ttl.count() > 0 ? ttl : m_defaultTtl).count();
        std::lock_guard lock(shard.mutex);
        if (m_policy == EvictionPolicy::TinyLfu)
            shard.sketch.increment(hash);
        const auto found = shard.index.find(key);
        if (found != shard.index.end()) {
            found->second->value = std::move(value);
            found->second->expiresAt = expiresAt;
            shard.touch(found->second);
            return;
        }
        shard.insert(key, std::move(value), expiresAt, hash);
    }

    bool invalidate(const Key& key)
    {
        Shard& shard = shardFor(mix(m_hash(key)));
        std::lock_guard lock(shard.mutex);
        const auto found = shard.index.find(key);
        if (found == shard.index.end())
            return false;
        shard.erase(found);
        return true;
    }

    // Removes every key that starts with prefix. Returns how many were removed.
    std::size_t invalidatePrefix(std::string_view prefix) requires std::is_convertible_v<const Key&, std::string_view>
    {
        std::size_t removed = 0;
        for (auto& shard : m_shards) {
            std::lock_guard lock(shard->mutex);
            for (auto it = shard->index.begin(); it != shard->index.end();) {
                if (std::string_view(it->first).starts_with(prefix)) {
                    it = shard->erase(it);
                    ++removed;
                } else {
                    ++it;
                }
            }
        }
        return removed;
    }

    void clear()
    {
        for (auto& shard : m_shards) {
            std::lock_guard lock(shard->mutex);
            shard->clear();
        }
    }

    CacheStats stats() const
    {
        CacheStats total;
        total.capacity = m_capacity;
        for (const auto& shard : m_shards) {
            std::lock_guard lock(shard->mutex);
            total.hits += shard->hits;
            total.misses += shard->misses;
            total.evictions += shard->evictions;
            total.expirations += shard->expirations;
            total.size += shard->index.size();
        }
        return total;
    }

    std::size_t size() const { return std::size_t(stats().size); }
    std::size_t capacity() const { return m_capacity; }
    std::size_t shardCount() const { return m_shards.size(); }
    EvictionPolicy policy() const { return m_policy; }

private:
    // Window and Probation/Protected are W-TinyLFU's segments; LRU and SIEVE use Probation only; S3-FIFO
    // keeps its small queue in Window and its main queue in Probation.
    enum Segment { Window = 0, Probation = 1, Protected = 2 };

    struct Node {
        Key key;
        Value value;
        std::int64_t expiresAt;
        std::uint64_t hash;
        Segment segment;
        // SIEVE's visited bit (0 or 1); S3-FIFO's read count, capped at 3.
        std::uint8_t frequency = 0;
    };
    using List = std::list<Node>;
    using Index = std::unordered_map<Key, typename List::iterator, Hash>;

    struct Shard {
        Shard(std::size_t capacity, EvictionPolicy shardPolicy)
            : policy(shardPolicy)
            , capacity(capacity)
            , sketch(shardPolicy == EvictionPolicy::TinyLfu ? capacity : 1)
        {
            if (policy == EvictionPolicy::TinyLfu && capacity > 1) {
                // Caffeine's split: a 1 % admission window, 80 % of the main area protected.
                windowCapacity = std::max<std::size_t>(1, capacity / 100);
                const std::size_t main = capacity - windowCapacity;
                protectedCapacity = main * 8 / 10;
            }
            if (policy == EvictionPolicy::S3Fifo) {
                // The paper's split: 10 % small queue; the ghost remembers as many keys as main holds.
                smallCapacity = std::max<std::size_t>(1, capacity / 10);
                ghostCapacity = std::max<std::size_t>(1, capacity - smallCapacity);
            }
            index.reserve(capacity);
        }

        void touch(typename List::iterator node)
        {
            if (policy == EvictionPolicy::Sieve) {
                node->frequency = 1;
                return;
            }
            if (policy == EvictionPolicy::S3Fifo) {
                node->frequency = std::uint8_t(std::min(node->frequency + 1, 3));
                return;
            }
            if (policy == EvictionPolicy::Lru || node->segment == Window || node->segment == Protected) {
                auto& list = segments[node->segment];
                list.splice(list.begin(), list, node);
                return;
            }
            // A second access promotes a probation entry; protected overflow falls back to probation.
            promote(node, Protected);
            while (segments[Protected].size() > protectedCapacity) {
                auto demoted = std::prev(segments[Protected].end());
                promote(demoted, Probation);
            }
        }

        void promote(typename List::iterator node, Segment to)
        {
            auto& target = segments[to];
            target.splice(target.begin(), segments[node->segment], node);
            node->segment = to;
        }

        void insert(const Key& key, Value value, std::int64_t expiresAt, std::uint64_t hash)
        {
            if (policy == EvictionPolicy::Sieve) {
                if (index.size() >= capacity)
                    evictBySieve();
                auto& queue = segments[Probation];
                queue.push_front(Node { key, std::move(value), expiresAt, hash, Probation });
                index.emplace(key, queue.begin());
                return;
            }
            if (policy == EvictionPolicy::S3Fifo) {
                while (index.size() >= capacity)
                    evictByS3Fifo();
                // A key evicted recently and asked for again skips the small queue.
                const auto ghost = ghosts.find(hash);
                const Segment to = ghost != ghosts.end() ? Probation : Window;
                if (ghost != ghosts.end())
                    ghosts.erase(ghost);
                auto& queue = segments[to];
                queue.push_front(Node { key, std::move(value), expiresAt, hash, to });
                index.emplace(key, queue.begin());
                return;
            }
            if (policy == EvictionPolicy::Lru || windowCapacity == 0) {
                if (index.size() >= capacity)
                    evict(std::prev(segments[Probation].end()));
                auto& list = segments[Probation];
                list.push_front(Node { key, std::move(value), expiresAt, hash, Probation });
                index.emplace(key, list.begin());
                return;
            }
            auto& window = segments[Window];
            window.push_front(Node { key, std::move(value), expiresAt, hash, Window });
            index.emplace(key, window.begin());
            if (window.size() <= windowCapacity)
                return;
            // The window's LRU entry becomes a candidate for the main area.
            const auto candidate = std::prev(window.end());
            const std::size_t mainCapacity = capacity - windowCapacity;
            if (segments[Probation].size() + segments[Protected].size() < mainCapacity) {
                promote(candidate, Probation);
                return;
            }
            auto& victims = segments[Probation].empty() ? segments[Protected] : segments[Probation];
            const auto victim = std::prev(victims.end());
            if (sketch.frequency(candidate->hash) > sketch.frequency(victim->hash)) {
                evict(victim);
                promote(candidate, Probation);
            } else {
                evict(candidate);
            }
        }

        // The next entry towards the newest for SIEVE's hand (which wraps to the oldest), or none.
        void moveHandOff(typename List::iterator node)
        {
            if (!handValid || hand != node)
                return;
            auto& queue = segments[Probation];
            if (node == queue.begin())
                handValid = false;
            else
                hand = std::prev(node);
        }

        void evictBySieve()
        {
            auto& queue = segments[Probation];
            if (queue.empty())
                return;
            if (!handValid) {
                hand = std::prev(queue.end());
                handValid = true;
            }
            // At most one lap: every visited entry passed loses its bit.
            while (hand->frequency != 0) {
                hand->frequency = 0;
                hand = hand == queue.begin() ? std::prev(queue.end()) : std::prev(hand);
            }
            evict(hand);
        }

        void evictByS3Fifo()
        {
            auto& small = segments[Window];
            auto& main = segments[Probation];
            if (!small.empty() && (small.size() >= smallCapacity || main.empty())) {
                while (!small.empty()) {
                    const auto oldest = std::prev(small.end());
                    if (oldest->frequency > 1) {
                        promote(oldest, Probation); // read twice while small: worth keeping
                        continue;
                    }
                    rememberGhost(oldest->hash);
                    evict(oldest);
                    return;
                }
            }
            // Main is a FIFO with reinsertion: an entry still being read goes round again, one count fewer.
            while (!main.empty()) {
                const auto oldest = std::prev(main.end());
                if (oldest->frequency > 0) {
                    --oldest->frequency;
                    main.splice(main.begin(), main, oldest);
                    continue;
                }
                evict(oldest);
                return;
            }
        }

        void rememberGhost(std::uint64_t hash)
        {
            ghosts.insert_or_assign(hash, ++ghostSerial);
            ghostOrder.emplace_back(hash, ghostSerial);
            // The order queue also holds ghosts that came back (stale serials): bound it too.
            while (ghosts.size() > ghostCapacity || ghostOrder.size() > 2 * ghostCapacity + 16) {
                const auto [oldest, serial] = ghostOrder.front();
                ghostOrder.pop_front();
                const auto found = ghosts.find(oldest);
                if (found != ghosts.end() && found->second == serial)
                    ghosts.erase(found);
            }
        }

        void clear()
        {
            index.clear();
            for (auto& segment : segments)
                segment.clear();
            handValid = false;
            ghosts.clear();
            ghostOrder.clear();
        }

        void evict(typename List::iterator node)
        {
            moveHandOff(node);
            index.erase(node->key);
            segments[node->segment].erase(node);
            ++evictions;
        }

        typename Index::iterator erase(typename Index::iterator found)
        {
            const auto node = found->second;
            moveHandOff(node);
            segments[node->segment].erase(node);
            return index.erase(found);
        }

        mutable std::mutex mutex;
        EvictionPolicy policy;
        std::size_t capacity;
        std::size_t windowCapacity = 0;
        std::size_t protectedCapacity = 0;
        std::size_t smallCapacity = 0;
        std::size_t ghostCapacity = 0;
        List segments[3];
        // SIEVE's hand: the next eviction candidate, walking from the oldest entry towards the newest.
        typename List::iterator hand {};
        bool handValid = false;
        // S3-FIFO's ghosts: hashes of keys evicted from the small queue (no values), oldest first.
        std::unordered_map<std::uint64_t, std::uint64_t> ghosts; // hash → serial of its latest eviction
        std::deque<std::pair<std::uint64_t, std::uint64_t>> ghostOrder;
        std::uint64_t ghostSerial = 0;
        Index index;
        FrequencySketch sketch;
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::uint64_t evictions = 0;
        std::uint64_t expirations = 0;
    };

    // std::hash of an integer is the identity; mix it so shards and sketch rows see spread bits.
    static std::uint64_t mix(std::uint64_t hash)
    {
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9ULL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebULL;
        hash ^= hash >> 31;
        return hash;
    }

    Shard& shardFor(std::uint64_t hash) { return *m_shards[(hash >> 40) % m_shards.size()]; }
    const Shard& shardFor(std::uint64_t hash) const { return *m_shards[(hash >> 40) % m_shards.size()]; }

    NanoClock m_clock;
    std::chrono::nanoseconds m_defaultTtl;
    EvictionPolicy m_policy;
    std::size_t m_capacity;
    Hash m_hash;
    std::vector<std::unique_ptr<Shard>> m_shards;
};

} // namespace perfdash
