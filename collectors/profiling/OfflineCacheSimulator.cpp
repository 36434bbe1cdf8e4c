#include "OfflineCacheSimulator.h"

#include <limits>
#include <list>
#include <set>
#include <unordered_map>

namespace perfdash {

double OfflineCacheSimulator::lruHitRatio(const std::vector<std::uint32_t>& trace, std::size_t capacity)
{
    if (trace.empty() || capacity == 0)
        return 0;
    std::list<std::uint32_t> order; // front: most recent
    std::unordered_map<std::uint32_t, std::list<std::uint32_t>::iterator> where;
    std::size_t hits = 0;
    std::size_t reads = 0;
    for (std::uint32_t entry : trace) {
        const std::uint32_t key = entry & ~writeBit;
        const bool read = (entry & writeBit) == 0;
        reads += read ? 1 : 0;
        const auto found = where.find(key);
        if (found != where.end()) {
            hits += read ? 1 : 0;
            order.splice(order.begin(), order, found->second);
            continue;
        }
        if (order.size() == capacity) {
            where.erase(order.back());
            order.pop_back();
        }
        order.push_front(key);
        where.emplace(key, order.begin());
    }
    return reads == 0 ? 0.0 : double(hits) / double(reads);
}

double OfflineCacheSimulator::beladyHitRatio(
    const std::vector<std::uint32_t>& trace, std::size_t capacity, bool mayBypass)
{
    if (trace.empty() || capacity == 0)
        return 0;
    constexpr std::size_t never = std::numeric_limits<std::size_t>::max();
    // nextUse[i]: the position of the next access to trace[i]'s key after i.
    std::vector<std::size_t> nextUse(trace.size());
    std::unordered_map<std::uint32_t, std::size_t> seen;
    for (std::size_t i = trace.size(); i-- > 0;) {
        const std::uint32_t key = trace[i] & ~writeBit;
        const auto found = seen.find(key);
        nextUse[i] = found == seen.end() ? never : found->second;
        seen[key] = i;
    }
    // The cache as (next use, key), furthest next use last; ties among "never" broken by key.
    std::set<std::pair<std::size_t, std::uint32_t>> cached;
    std::unordered_map<std::uint32_t, std::size_t> cachedNextUse;
    std::size_t hits = 0;
    std::size_t reads = 0;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const std::uint32_t key = trace[i] & ~writeBit;
        const bool read = (trace[i] & writeBit) == 0;
        reads += read ? 1 : 0;
        const auto found = cachedNextUse.find(key);
        if (found != cachedNextUse.end()) {
            hits += read ? 1 : 0;
            cached.erase({ found->second, key });
        } else if (cached.size() == capacity) {
            // If the new key's next use is further than every cached one, the optimal choice is not to keep it.
            const auto furthest = std::prev(cached.end());
            if (mayBypass && furthest->first <= nextUse[i])
                continue;
            cachedNextUse.erase(furthest->second);
            cached.erase(furthest);
        }
        cached.insert({ nextUse[i], key });
        cachedNextUse[key] = nextUse[i];
    }
    return reads == 0 ? 0.0 : double(hits) / double(reads);
}

} // namespace perfdash
