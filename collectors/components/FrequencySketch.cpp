#include "FrequencySketch.h"

#include <algorithm>
#include <bit>

namespace perfdash {

namespace {
    constexpr int rows = 4;
    constexpr std::uint8_t maximum = 15;
    constexpr std::uint64_t seeds[rows]
        = { 0xc3a5c85c97cb3127ULL, 0xb492b66fbe98f273ULL, 0x9ae16a3b2f90404fULL, 0xcbf29ce484222325ULL };
}

FrequencySketch::FrequencySketch(std::size_t expectedEntries)
{
    const std::size_t width = std::bit_ceil(std::max<std::size_t>(expectedEntries, 16));
    m_counters.assign(width * rows, 0);
    m_widthMask = width - 1;
    // Caffeine ages after 10 × the maximum size; it keeps the estimate about recent traffic.
    m_samplePeriod = 10 * std::max<std::size_t>(expectedEntries, 1);
}

std::size_t FrequencySketch::index(std::uint64_t hash, int row) const
{
    std::uint64_t mixed = (hash + seeds[row]) * 0x9e3779b97f4a7c15ULL;
    mixed ^= mixed >> 32;
    return std::size_t(row) * (m_widthMask + 1) + std::size_t(mixed & m_widthMask);
}

void FrequencySketch::increment(std::uint64_t hash)
{
    // Conservative update: raise only the counters at the minimum, which tightens the over-estimate.
    const int current = frequency(hash);
    if (current >= maximum)
        return;
    for (int row = 0; row < rows; ++row) {
        std::uint8_t& counter = m_counters[index(hash, row)];
        if (counter == current)
            ++counter;
    }
    if (++m_additions >= m_samplePeriod)
        age();
}

int FrequencySketch::frequency(std::uint64_t hash) const
{
    int smallest = maximum;
    for (int row = 0; row < rows; ++row)
        smallest = std::min<int>(smallest, m_counters[index(hash, row)]);
    return smallest;
}

void FrequencySketch::age()
{
    for (std::uint8_t& counter : m_counters)
        counter >>= 1;
    m_additions /= 2;
}

} // namespace perfdash
