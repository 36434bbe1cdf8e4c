#include "BlockMeans.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

namespace perfdash {

namespace {
    // Mid-ranks 1..n of the values, ties sharing their average rank.
    std::vector<double> ranks(const QList<double>& values)
    {
        std::vector<std::size_t> order(std::size_t(values.size()));
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return values[x] < values[y]; });
        std::vector<double> result(order.size());
        for (std::size_t start = 0; start < order.size();) {
            std::size_t end = start + 1;
            while (end < order.size() && values[order[end]] == values[order[start]])
                ++end;
            const double rank = (double(start + 1) + double(end)) / 2.0;
            for (std::size_t i = start; i < end; ++i)
                result[order[i]] = rank;
            start = end;
        }
        return result;
    }

    // Highest lag-1 autocorrelation the rule works with: beyond it the data is a trend, and no block
    // length gives independent means anyway.
    constexpr double maxLag1 = 0.999;
}

double BlockMeans::pooledLag1Autocorrelation(const QList<QList<double>>& windows)
{
    double products = 0;
    double squares = 0;
    for (const QList<double>& window : windows) {
        const std::vector<double> rank = ranks(window);
        const double centre = (double(rank.size()) + 1) / 2.0;
        for (std::size_t i = 0; i < rank.size(); ++i) {
            squares += (rank[i] - centre) * (rank[i] - centre);
            if (i + 1 < rank.size())
                products += (rank[i] - centre) * (rank[i + 1] - centre);
        }
    }
    if (!(squares > 0))
        return 0;
    const double rankCorrelation = std::clamp(products / squares, -1.0, 1.0);
    return 2 * std::sin(std::numbers::pi * rankCorrelation / 6);
}

double BlockMeans::varianceFactor(double lag1, int blockLength)
{
    const double rho = std::min(lag1, maxLag1);
    if (!(rho > 0) || blockLength < 1)
        return 1;
    // Var(block sum) = b·τ − 2ρ(1 − ρ^b)/(1 − ρ)², τ = (1 + ρ)/(1 − ρ); the long-run variance is b·τ.
    const double b = double(blockLength);
    const double lost = 2 * rho * (1 - std::pow(rho, b)) / (b * (1 - rho) * (1 + rho));
    return std::max(1.0, 1 / (1 - lost));
}

int BlockMeans::blockLength(double lag1, int longestWindow)
{
    const int longest = std::max(1, longestWindow);
    for (int b = 1; b < longest; ++b) {
        if (varianceFactor(lag1, b) <= maxVarianceFactor)
            return b;
    }
    return longest;
}

QList<double> BlockMeans::of(const QList<double>& values, int blockLength)
{
    QList<double> means;
    if (blockLength < 1)
        return means;
    const qsizetype blocks = values.size() / blockLength;
    means.reserve(blocks);
    for (qsizetype block = 0; block < blocks; ++block) {
        double mean = 0;
        for (qsizetype i = block * blockLength; i < (block + 1) * blockLength; ++i)
            mean += values[i] / double(blockLength);
        means << mean;
    }
    return means;
}

} // namespace perfdash
