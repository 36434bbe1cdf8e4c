#pragma once

#include <cstdint>
#include <vector>

namespace perfdash {

// Appends bit fields most significant bit first into 64-bit words, the layout BitReader expects.
class BitWriter {
public:
    explicit BitWriter(std::vector<std::uint64_t>& words)
        : m_words(words)
    {
    }

    // Writes the low `bits` bits of value; bits may be 0..64.
    void write(std::uint64_t value, unsigned bits)
    {
        if (bits == 0)
            return;
        if (bits < 64)
            value &= (std::uint64_t { 1 } << bits) - 1;
        const unsigned free = 64 - m_fill;
        if (bits < free) {
            m_pending |= value << (free - bits);
            m_fill += bits;
            return;
        }
        const unsigned rest = bits - free;
        m_pending |= value >> rest;
        m_words.push_back(m_pending);
        m_pending = rest == 0 ? 0 : value << (64 - rest);
        m_fill = rest;
    }

    void writeBit(bool bit) { write(bit ? 1 : 0, 1); }

    std::uint64_t bitCount() const { return std::uint64_t(m_words.size()) * 64 + m_fill; }

    // Flushes the partial word and adds one zero word, so readers may peek past the last field.
    void finish()
    {
        if (m_fill > 0)
            m_words.push_back(m_pending);
        m_words.push_back(0);
        m_pending = 0;
        m_fill = 0;
    }

private:
    std::vector<std::uint64_t>& m_words;
    std::uint64_t m_pending = 0;
    unsigned m_fill = 0;
};

} // namespace perfdash
