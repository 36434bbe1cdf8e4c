#include "HolmCorrection.h"

#include <algorithm>
#include <numeric>

namespace perfdash {

std::vector<double> HolmCorrection::adjust(const std::vector<double>& pValues)
{
    std::vector<std::size_t> order(pValues.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return pValues[x] < pValues[y]; });
    std::vector<double> adjusted(pValues.size(), 1.0);
    double running = 0; // step-down: an adjusted p-value never falls below the one before it
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const double scaled = std::min(1.0, double(order.size() - rank) * pValues[order[rank]]);
        running = std::max(running, scaled);
        adjusted[order[rank]] = running;
    }
    return adjusted;
}

std::vector<bool> HolmCorrection::significant(const std::vector<double>& pValues, double alpha)
{
    const std::vector<double> adjusted = adjust(pValues);
    std::vector<bool> result(adjusted.size());
    std::transform(adjusted.begin(), adjusted.end(), result.begin(), [alpha](double p) { return p <= alpha; });
    return result;
}

} // namespace perfdash
