#pragma once

#include <cstdint>

namespace perfdash {

// Reads what BitWriter wrote. Works on whole 64-bit words (at most two loads per field), and relies on
// BitWriter::finish()'s trailing zero word so a field or a peek never needs a bounds check.
class BitReader {
public:
    explicit BitReader(const std::uint64_t* words, std::uint64_t bitPosition = 0)
        : m_words(words)
        , m_position(bitPosition)
    {
    }

    // Field of `bits` bits (0..64) at an absolute bit position, for random access into packed arrays.
    // Always reads the following word too, which BitWriter::finish()'s padding guarantees.
    static std::uint64_t fieldAt(const std::uint64_t* words, std::uint64_t position, unsigned bits)
    {
        if (bits == 0)
            return 0;
        const unsigned shift = unsigned(position & 63);
        const std::uint64_t* word = words + (position >> 6);
        // Branch-free join of the two words; for shift 0 the second term is 0.
        const std::uint64_t high = (word[0] << shift) | ((word[1] >> 1) >> (63 - shift));
        return high >> (64 - bits);
    }

    std::uint64_t read(unsigned bits)
    {
        const std::uint64_t value = fieldAt(m_words, m_position, bits);
        m_position += bits;
        return value;
    }

    bool readBit()
    {
        const std::uint64_t word = m_words[m_position >> 6];
        const bool bit = (word >> (63 - (m_position & 63))) & 1;
        ++m_position;
        return bit;
    }

    // The next `bits` bits without consuming them.
    std::uint64_t peek(unsigned bits) const { return fieldAt(m_words, m_position, bits); }
    void skip(unsigned bits) { m_position += bits; }
    std::uint64_t position() const { return m_position; }

private:
    const std::uint64_t* m_words;
    std::uint64_t m_position;
};

} // namespace perfdash
