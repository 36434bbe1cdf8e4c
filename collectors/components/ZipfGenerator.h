#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace perfdash {

// Keys 0..n-1 with P(k) ∝ 1 / (k + 1)^s: a few hot keys and a long tail, as request keys are.
// s = 0 is uniform. Sampling is a binary search in the precomputed distribution.
class ZipfGenerator {
public:
    ZipfGenerator(std::uint32_t keys, double exponent);

    std::uint32_t next(std::mt19937_64& random) const;
    std::uint32_t keys() const { return std::uint32_t(m_cumulative.size()); }

private:
    std::vector<double> m_cumulative;
};

} // namespace perfdash
