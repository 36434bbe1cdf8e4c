#pragma once

#include <QtGlobal>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <unordered_map>
#include <vector>

namespace perfdash {

class SealedChunk;

// Recently decoded Gorilla chunks, so a panel redrawn 30 times a second does not decode the same sealed
// chunks every frame: with dense data (a few samples per pixel column) M4 needs every sample, and decoding
// was a quarter of the app's CPU at 10k samples/s. One cache per thread (forThisThread()), so readers need
// no lock; least recently used chunks go first once the byte budget is reached, and a chunk no frame has
// read for maxIdle goes anyway: without that, chunks that scrolled out of view stayed until the budget
// was full, and a long-running app grew by the budget (the soak saw 9 MB/h). Chunks are immutable and
// their ids never repeat, so an entry cannot go stale.
class DecodedChunkCache {
public:
    struct Decoded {
        std::vector<qint64> timestamps;
        std::vector<double> values;
    };

    using Clock = std::chrono::steady_clock;
    // What the cache takes for "now"; tests pass their own, to age entries without waiting.
    using Now = std::function<Clock::time_point()>;

    DecodedChunkCache(
        std::size_t budgetBytes, std::chrono::milliseconds maxIdle, Now now = [] { return Clock::now(); });

    static DecodedChunkCache& forThisThread();
    static constexpr std::size_t defaultBudgetBytes = 16 * 1024 * 1024;
    static constexpr std::chrono::milliseconds defaultMaxIdle { 2000 };

    // The chunk's samples; valid until the next decode() on this cache.
    const Decoded& decode(const SealedChunk& chunk);

    std::size_t byteSize() const { return m_bytes; }
    std::uint64_t hits() const { return m_hits; }
    std::uint64_t misses() const { return m_misses; }

private:
    struct Entry {
        std::uint64_t chunkId = 0;
        Clock::time_point lastUsed;
        Decoded decoded;
    };
    static std::size_t bytesOf(const Decoded& decoded);
    void dropOldest();

    std::size_t m_budgetBytes;
    std::chrono::milliseconds m_maxIdle;
    Now m_now;
    std::size_t m_bytes = 0;
    std::uint64_t m_hits = 0;
    std::uint64_t m_misses = 0;
    std::list<Entry> m_entries; // most recently used first
    std::unordered_map<std::uint64_t, std::list<Entry>::iterator> m_byId;
};

} // namespace perfdash
