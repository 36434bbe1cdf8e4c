#include "DecodedChunkCache.h"

#include "SealedChunk.h"

namespace perfdash {

DecodedChunkCache::DecodedChunkCache(std::size_t budgetBytes, std::chrono::milliseconds maxIdle, Now now)
    : m_budgetBytes(budgetBytes)
    , m_maxIdle(maxIdle)
    , m_now(std::move(now))
{
}

DecodedChunkCache& DecodedChunkCache::forThisThread()
{
    thread_local DecodedChunkCache cache(defaultBudgetBytes, defaultMaxIdle);
    return cache;
}

void DecodedChunkCache::dropOldest()
{
    m_bytes -= bytesOf(m_entries.back().decoded);
    m_byId.erase(m_entries.back().chunkId);
    m_entries.pop_back();
}

std::size_t DecodedChunkCache::bytesOf(const Decoded& decoded)
{
    return decoded.timestamps.capacity() * sizeof(qint64) + decoded.values.capacity() * sizeof(double);
}

const DecodedChunkCache::Decoded& DecodedChunkCache::decode(const SealedChunk& chunk)
{
    const Clock::time_point now = m_now();
    if (const auto found = m_byId.find(chunk.id()); found != m_byId.end()) {
        ++m_hits;
        found->second->lastUsed = now;
        m_entries.splice(m_entries.begin(), m_entries, found->second);
        return found->second->decoded;
    }
    while (!m_entries.empty() && now - m_entries.back().lastUsed > m_maxIdle)
        dropOldest();
    ++m_misses;
    const std::size_t count = chunk.summary().count;
    const std::size_t needed = count * (sizeof(qint64) + sizeof(double));
    // Make room, keeping the last evicted entry's buffers for this chunk: no allocation in the steady state.
    Entry entry;
    while (!m_entries.empty() && m_bytes + needed > m_budgetBytes) {
        Entry& oldest = m_entries.back();
        m_bytes -= bytesOf(oldest.decoded);
        m_byId.erase(oldest.chunkId);
        entry.decoded = std::move(oldest.decoded);
        m_entries.pop_back();
    }
    entry.chunkId = chunk.id();
    entry.lastUsed = now;
    entry.decoded.timestamps.resize(count);
    entry.decoded.values.resize(count);
    chunk.decode(entry.decoded.timestamps.data(), entry.decoded.values.data());
    m_bytes += bytesOf(entry.decoded);
    m_entries.push_front(std::move(entry));
    m_byId.emplace(chunk.id(), m_entries.begin());
    return m_entries.front().decoded;
}

} // namespace perfdash
