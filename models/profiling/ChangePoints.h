#pragma once

#include <QList>

namespace perfdash {

// Change points in a sequence of measurements taken over time (one value per run, oldest first), by
// E-divisive means (Matteson & James 2014), as MongoDB's CI uses it (Daly et al., ICPE 2020): split
// where the energy distance between the two sides is largest, keep the split when a permutation test
// says it is significant, and repeat inside the pieces. No distribution is assumed, so a change in the
// spread counts as much as a change in the level. The permutations use a fixed seed: the same history
// always gives the same answer, which a CI gate needs.

struct ChangePointOptions {
    // Fewest runs on either side of a change point.
    int minSegment = 3;
    // A split is kept when its permutation p-value is at most this.
    double maxPValue = 0.01;
    // Changes smaller than this share of the level before (0.05 = 5 %) are dropped, however significant.
    double minRelativeChange = 0;
    int permutations = 499;
};

struct ChangePoint {
    // The first run after the change.
    int index = 0;
    double pValue = 1;
    // Medians of the segments on either side (bounded by the neighbouring change points).
    double medianBefore = 0;
    double medianAfter = 0;
    // (after − before) / |before|; NaN when the level before is 0 and after is not.
    double relativeChange = 0;
};

// Change points of `values` (all finite), in index order.
QList<ChangePoint> detectChangePoints(const QList<double>& values, const ChangePointOptions& options = {});

// The split the detector tests: the largest Q(τ, κ) over τ and the right side's end κ (κ is searched for
// segments up to 400 values; longer ones use κ = n), with at least minSegment values on either side.
struct EnergySplit {
    int tau = -1; // before this index; −1 when the values are too few
    double statistic = 0;
};
EnergySplit strongestEnergySplit(const QList<double>& values, int minSegment);

// The energy statistic Q(τ) of splitting `values` before each τ in 1..n−1 (element τ−1 of the result),
// the quantity the detector maximises; public so that tests can check it against its definition.
QList<double> energySplitStatistics(const QList<double>& values);

} // namespace perfdash
