#pragma once

#include <cstdint>
#include <vector>

namespace perfdash {

// W-TinyLFU's popularity estimate: a count-min sketch of 4-bit-saturating counters that halves every
// counter after a sample period, so frequencies age and yesterday's hot keys make room.
// Not thread-safe; each cache shard owns one under its lock.
class FrequencySketch {
public:
    explicit FrequencySketch(std::size_t expectedEntries);

    void increment(std::uint64_t hash);
    // 0..15: an upper bound on the key's recent frequency.
    int frequency(std::uint64_t hash) const;

private:
    std::size_t index(std::uint64_t hash, int row) const;
    void age();

    std::vector<std::uint8_t> m_counters; // rows × width
    std::size_t m_widthMask = 0;
    std::size_t m_additions = 0;
    std::size_t m_samplePeriod = 0;
};

} // namespace perfdash
