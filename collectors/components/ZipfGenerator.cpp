#include "ZipfGenerator.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

ZipfGenerator::ZipfGenerator(std::uint32_t keys, double exponent)
{
    m_cumulative.resize(std::max<std::uint32_t>(keys, 1));
    double sum = 0;
    for (std::size_t k = 0; k < m_cumulative.size(); ++k) {
        sum += 1.0 / std::pow(double(k + 1), exponent);
        m_cumulative[k] = sum;
    }
    for (double& value : m_cumulative)
        value /= sum;
    m_cumulative.back() = 1.0;
}

std::uint32_t ZipfGenerator::next(std::mt19937_64& random) const
{
    const double u = std::uniform_real_distribution<double>(0.0, 1.0)(random);
    const auto found = std::lower_bound(m_cumulative.begin(), m_cumulative.end(), u);
    return std::uint32_t(
        std::min<std::ptrdiff_t>(found - m_cumulative.begin(), std::ptrdiff_t(m_cumulative.size()) - 1));
}

} // namespace perfdash
