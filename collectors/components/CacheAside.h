#pragma once

#include "TtlCache.h"

#include <atomic>
#include <future>
#include <mutex>
#include <unordered_map>

namespace perfdash {

// Cache-aside with single-flight: on a miss the caller loads the value and stores it; concurrent misses
// on the same key wait for that one load instead of stampeding the backend. A loader that throws
// reaches every waiter with its exception, and nothing is cached.
template <typename Key, typename Value, typename Hash = std::hash<Key>> class CacheAside {
public:
    explicit CacheAside(TtlCache<Key, Value, Hash>& cache)
        : m_cache(cache)
    {
    }

    template <typename Loader>
    Value get(const Key& key, Loader&& loader, std::chrono::nanoseconds ttl = std::chrono::nanoseconds(0))
    {
        if (auto cached = m_cache.get(key))
            return std::move(*cached);

        std::unique_lock lock(m_mutex);
        // A load may have finished between the miss and the lock; it stores before it leaves m_inFlight.
        if (auto cached = m_cache.peek(key))
            return std::move(*cached);
        if (const auto running = m_inFlight.find(key); running != m_inFlight.end()) {
            std::shared_future<Value> result = running->second;
            lock.unlock();
            m_coalesced.fetch_add(1, std::memory_order_relaxed);
            return result.get();
        }
        std::promise<Value> promise;
        m_inFlight.emplace(key, promise.get_future().share());
        lock.unlock();

        m_loads.fetch_add(1, std::memory_order_relaxed);
        try {
            Value value = loader(key);
            m_cache.put(key, value, ttl);
            finish(key);
            promise.set_value(value);
            return value;
        } catch (...) {
            finish(key);
            promise.set_exception(std::current_exception());
            throw;
        }
    }

    // Loader calls made, and callers that waited for another caller's load instead.
    std::uint64_t loads() const { return m_loads.load(std::memory_order_relaxed); }
    std::uint64_t coalesced() const { return m_coalesced.load(std::memory_order_relaxed); }

private:
    void finish(const Key& key)
    {
        std::lock_guard lock(m_mutex);
        m_inFlight.erase(key);
    }

    TtlCache<Key, Value, Hash>& m_cache;
    std::mutex m_mutex;
    std::unordered_map<Key, std::shared_future<Value>, Hash> m_inFlight;
    std::atomic<std::uint64_t> m_loads { 0 };
    std::atomic<std::uint64_t> m_coalesced { 0 };
};

} // namespace perfdash
