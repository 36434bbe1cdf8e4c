#pragma once

#include <QList>

namespace perfdash {

// Samples one scrape apart are autocorrelated: each says little that its neighbour did not, and a test
// that counts them as independent finds "significant" changes in pure noise. Means of non-overlapping
// blocks are much closer to independent, and there are honestly fewer of them.
//
// The rule, under an AR(1) model with the estimated lag-1 autocorrelation ρ: the variance of a window's
// mean is varianceFactor(ρ, b) times what b-sample block means suggest when taken as independent
// (1 + 2·Σ of their correlations). The block is the shortest whose factor is at most maxVarianceFactor,
// and the test divides what remains out of its statistic. Short blocks would need a large correction
// that hangs on the exact ρ (19× for raw points at ρ 0.9, 20× at 0.905); long ones leave too few
// blocks. At 1.5 the correction is small and insensitive to ρ, and ρ ≤ 0.2 keeps the raw points (b 1).
class BlockMeans {
public:
    static constexpr double maxVarianceFactor = 1.5;

    // Lag-1 autocorrelation pooled over the windows, each centred on its own mean so that a shift
    // between them does not look like persistence. Computed on ranks within each window, because the
    // test is rank-based and ranks neither overflow nor let one absurd value hide the correlation, then
    // put on the Pearson scale (2·sin(π·r/6), exact for Gaussian data). 0 when nothing varies.
    static double pooledLag1Autocorrelation(const QList<QList<double>>& windows);
    // The shortest block length with varianceFactor() ≤ maxVarianceFactor, at most longestWindow.
    static int blockLength(double lag1, int longestWindow);
    // ≥ 1; 1 for ρ ≤ 0 (negative correlation would only make the test conservative).
    static double varianceFactor(double lag1, int blockLength);
    // Means of consecutive blocks; a partial block at the end is dropped so that every mean has the
    // same variance. Each value is divided before summing, so 1e308s cannot overflow.
    static QList<double> of(const QList<double>& values, int blockLength);
};

} // namespace perfdash
