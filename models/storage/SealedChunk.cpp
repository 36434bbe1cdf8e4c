#include "SealedChunk.h"

#include "DecimalPackCodec.h"
#include "GorillaCodec.h"

#include <atomic>

namespace perfdash {

SealedChunk SealedChunk::seal(const qint64* timestamps, const double* values, std::size_t n)
{
    static std::atomic<std::uint64_t> lastId { 0 };
    SealedChunk chunk;
    chunk.m_id = ++lastId;
    chunk.m_summary = ChunkSummary::of(timestamps, values, n);

    std::vector<std::uint64_t> gorilla;
    GorillaCodec::encode(timestamps, values, n, gorilla);
    std::vector<std::uint64_t> packed;
    const std::optional<DecimalPackLayout> layout = DecimalPackCodec::encode(timestamps, values, n, packed);
    // Random access makes DecimalPack worth up to a quarter more space: M4 then reads only the samples
    // next to pixel-column boundaries instead of decoding the whole chunk.
    const bool usePacked = layout && packed.size() <= gorilla.size() + gorilla.size() / 4;
    if (usePacked) {
        chunk.m_encoding = Encoding::DecimalPack;
        chunk.m_layout = *layout;
    }
    const std::vector<std::uint64_t>& chosen = usePacked ? packed : gorilla;
    chunk.m_words.assign(chosen.begin(), chosen.end()); // exact capacity, no growth slack
    return chunk;
}

void SealedChunk::decode(qint64* timestamps, double* values) const
{
    if (m_encoding == Encoding::DecimalPack)
        packedView().decode(timestamps, values);
    else
        GorillaCodec::decode(m_words.data(), m_summary.count, timestamps, values);
}

} // namespace perfdash
