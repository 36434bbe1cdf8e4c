#pragma once

#include "ChunkSummary.h"
#include "DecimalPackLayout.h"
#include "DecimalPackView.h"

#include <QtGlobal>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace perfdash {

// A full, immutable chunk of one series: its summary plus the samples in the smaller of two encodings.
class SealedChunk {
public:
    enum class Encoding : std::uint8_t { Gorilla, DecimalPack };

    // Encodes n >= 1 samples with strictly increasing timestamps.
    static SealedChunk seal(const qint64* timestamps, const double* values, std::size_t n);

    const ChunkSummary& summary() const { return m_summary; }
    Encoding encoding() const { return m_encoding; }
    // Unique in the process, never reused: what DecodedChunkCache keys on.
    std::uint64_t id() const { return m_id; }
    // Heap and bookkeeping bytes this chunk costs.
    std::size_t byteSize() const { return sizeof(SealedChunk) + m_words.capacity() * sizeof(std::uint64_t); }

    void decode(qint64* timestamps, double* values) const;
    // Only for Encoding::DecimalPack.
    DecimalPackView packedView() const { return DecimalPackView(m_layout, m_words.data()); }

private:
    ChunkSummary m_summary;
    std::uint64_t m_id = 0;
    DecimalPackLayout m_layout;
    std::vector<std::uint64_t> m_words;
    Encoding m_encoding = Encoding::Gorilla;
};

} // namespace perfdash
