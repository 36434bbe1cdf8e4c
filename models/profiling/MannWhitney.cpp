#include "MannWhitney.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace perfdash {

double MannWhitney::exactCdf(int m, int n, double u)
{
    // counts[j][k]: arrangements of i values of the first sample and j of the second with U = k,
    // built up one first-sample value at a time: f(i, j, k) = f(i-1, j, k-j) + f(i, j-1, k).
    const int maxU = m * n;
    std::vector<std::vector<double>> previous(n + 1, std::vector<double>(maxU + 1, 0.0));
    for (int j = 0; j <= n; ++j)
        previous[j][0] = 1; // i = 0: one arrangement, U = 0
    for (int i = 1; i <= m; ++i) {
        std::vector<std::vector<double>> current(n + 1, std::vector<double>(maxU + 1, 0.0));
        current[0][0] = 1;
        for (int j = 1; j <= n; ++j) {
            for (int k = 0; k <= maxU; ++k) {
                double count = current[j - 1][k];
                if (k >= j)
                    count += previous[j][k - j];
                current[j][k] = count;
            }
        }
        previous = std::move(current);
    }
    const std::vector<double>& distribution = previous[n];
    const double total = std::accumulate(distribution.begin(), distribution.end(), 0.0);
    double below = 0;
    for (int k = 0; k <= maxU && double(k) <= u + 1e-9; ++k)
        below += distribution[k];
    return below / total;
}

MannWhitney::Result MannWhitney::test(const QList<double>& a, const QList<double>& b)
{
    Result result;
    const auto m = std::size_t(a.size());
    const auto n = std::size_t(b.size());
    if (m == 0 || n == 0)
        return result;

    struct Value {
        double value;
        bool first;
    };
    std::vector<Value> pooled;
    pooled.reserve(m + n);
    for (double value : a)
        pooled.push_back({ value, true });
    for (double value : b)
        pooled.push_back({ value, false });
    std::sort(pooled.begin(), pooled.end(), [](const Value& x, const Value& y) { return x.value < y.value; });

    // Average ranks for ties, and the tie term sum(t^3 - t) for the variance.
    double rankSumFirst = 0;
    double tieTerm = 0;
    for (std::size_t start = 0; start < pooled.size();) {
        std::size_t end = start + 1;
        while (end < pooled.size() && pooled[end].value == pooled[start].value)
            ++end;
        const double tied = double(end - start);
        const double averageRank = (double(start + 1) + double(end)) / 2.0;
        for (std::size_t i = start; i < end; ++i) {
            if (pooled[i].first)
                rankSumFirst += averageRank;
        }
        tieTerm += tied * tied * tied - tied;
        start = end;
    }

    const double dm = double(m);
    const double dn = double(n);
    result.u = rankSumFirst - dm * (dm + 1) / 2.0;
    const double mean = dm * dn / 2.0;

    const double total = dm + dn;
    const double variance = dm * dn / 12.0 * ((total + 1) - tieTerm / (total * (total - 1)));
    if (!(variance > 0)) {
        result.pValue = 1; // every value tied: no evidence of any difference
        return result;
    }
    const double deviation = std::max(0.0, std::abs(result.u - mean) - 0.5);
    result.z = deviation / std::sqrt(variance) * (result.u < mean ? -1 : 1);
    result.pValue = std::min(1.0, std::erfc(std::abs(result.z) / std::sqrt(2.0)));

    if (tieTerm == 0 && m <= std::size_t(exactLimit) && n <= std::size_t(exactLimit)) {
        result.exact = true;
        // The null distribution is symmetric: two-sided p is twice the smaller tail.
        const double smaller = std::min(result.u, dm * dn - result.u);
        result.pValue = std::min(1.0, 2.0 * exactCdf(int(m), int(n), smaller));
    }
    return result;
}

} // namespace perfdash
