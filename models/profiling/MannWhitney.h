#pragma once

#include <QList>

namespace perfdash {

// The two-sided Mann–Whitney U test (Wilcoxon rank-sum): does one sample tend to be larger than
// the other? Rank-based, so it needs no normality, which benchmark timings rarely have.
class MannWhitney {
public:
    struct Result {
        // U of the first sample: the number of pairs (a, b) with a > b, ties counting one half.
        double u = 0;
        double pValue = 1;
        // True when the p-value comes from the exact null distribution (small samples, no ties);
        // otherwise from the normal approximation with tie and continuity correction.
        bool exact = false;
        // The normal approximation's signed statistic (continuity and tie corrected), also when p is
        // exact, so callers that widen the variance (autocorrelated data) can rescale it.
        double z = 0;
    };

    // Exact p for up to this many values per sample when there are no ties, as the tables do.
    static constexpr int exactLimit = 20;

    // An empty sample gives p = 1.
    static Result test(const QList<double>& a, const QList<double>& b);
    // P(U <= u) under the null, exactly, for sample sizes m and n (each up to exactLimit).
    static double exactCdf(int m, int n, double u);
};

} // namespace perfdash
