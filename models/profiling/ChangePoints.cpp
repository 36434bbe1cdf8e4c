#include "ChangePoints.h"

#include "Quantiles.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace perfdash {

namespace {

    // Sums of |x_i − x| over the values inserted so far, below and above x: a Fenwick tree over the
    // values' ranks, so that each split costs O(log n) instead of O(n).
    class DistanceSums {
    public:
        explicit DistanceSums(std::size_t size)
            : m_count(size + 1, 0)
            , m_sum(size + 1, 0.0)
        {
        }

        void insert(std::size_t rank, double value)
        {
            for (std::size_t i = rank + 1; i < m_count.size(); i += i & (~i + 1)) {
                ++m_count[i];
                m_sum[i] += value;
            }
            ++m_inserted;
            m_total += value;
        }

        // Σ |x_i − value| over the inserted x_i; those of lower rank count as below.
        double distanceTo(std::size_t rank, double value) const
        {
            std::int64_t below = 0;
            double belowSum = 0;
            for (std::size_t i = rank; i > 0; i -= i & (~i + 1)) {
                below += m_count[i];
                belowSum += m_sum[i];
            }
            const auto above = m_inserted - below;
            const double aboveSum = m_total - belowSum;
            return (static_cast<double>(below) * value - belowSum) + (aboveSum - static_cast<double>(above) * value);
        }

    private:
        std::vector<std::int64_t> m_count;
        std::vector<double> m_sum;
        std::int64_t m_inserted = 0;
        double m_total = 0;
    };

    // Q(τ) for every split of `x` (κ at its end), in O(n log n): the left, right and between distance sums
    // are updated as τ moves right, each step needing only the moved value's distances to either side.
    std::vector<double> splitStatistics(const std::vector<double>& x)
    {
        const std::size_t n = x.size();
        std::vector<double> statistics(n > 0 ? n - 1 : 0, 0.0);
        if (n < 2)
            return statistics;
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
        std::vector<std::size_t> rank(n);
        std::vector<double> prefix(n + 1, 0.0);
        for (std::size_t r = 0; r < n; ++r) {
            rank[order[r]] = r;
            prefix[r + 1] = prefix[r] + x[order[r]];
        }
        // Each value's distance to all the others, from the sorted prefix sums.
        std::vector<double> toAll(n);
        double within = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto r = rank[i];
            const double v = x[i];
            toAll[i] = (static_cast<double>(r) * v - prefix[r])
                + ((prefix[n] - prefix[r + 1]) - static_cast<double>(n - r - 1) * v);
            within += toAll[i];
        }
        double leftWithin = 0;
        double rightWithin = within / 2;
        double between = 0;
        DistanceSums left(n);
        for (std::size_t tau = 0; tau + 1 < n; ++tau) {
            const double toLeft = left.distanceTo(rank[tau], x[tau]);
            const double toRight = toAll[tau] - toLeft;
            leftWithin += toLeft;
            rightWithin -= toRight;
            between += toRight - toLeft;
            left.insert(rank[tau], x[tau]);
            const auto m = static_cast<double>(tau + 1);
            const auto k = static_cast<double>(n - tau - 1);
            const double leftMean = m > 1 ? 2 * leftWithin / (m * (m - 1)) : 0;
            const double rightMean = k > 1 ? 2 * rightWithin / (k * (k - 1)) : 0;
            const double energy = 2 * between / (m * k) - leftMean - rightMean;
            statistics[tau] = m * k / (m + k) * energy;
        }
        return statistics;
    }

    // Segments up to this long are searched over the end κ of the right side as well (Matteson & James's
    // τ̂, κ̂): a regression that was later reverted sits between two stretches of the old level, and only a
    // right side that stops at the revert sees it clearly. O(n²) per search, so longer segments use κ = n.
    constexpr int longestSegmentSearchedForAnEnd = 400;

    EnergySplit strongestSplitOverEnds(const std::vector<double>& x, int minSegment)
    {
        const int n = static_cast<int>(x.size());
        std::vector<double> leftWithin(static_cast<std::size_t>(n) + 1, 0.0);
        std::vector<double> between(static_cast<std::size_t>(n), 0.0);
        std::vector<double> rightWithin(static_cast<std::size_t>(n), 0.0);
        std::vector<double> toEarlier(static_cast<std::size_t>(n) + 1, 0.0);
        EnergySplit best;
        // Element `last` joins the right side of every split τ ≤ last, making the right side [τ, last].
        for (int last = 0; last < n; ++last) {
            const auto end = static_cast<std::size_t>(last);
            toEarlier[0] = 0;
            for (std::size_t i = 0; i < end; ++i)
                toEarlier[i + 1] = toEarlier[i] + std::abs(x[i] - x[end]);
            const double total = toEarlier[end];
            for (std::size_t tau = 1; tau <= end; ++tau) {
                between[tau] += toEarlier[tau];
                rightWithin[tau] += total - toEarlier[tau];
            }
            leftWithin[end + 1] = leftWithin[end] + total;
            const int size = last + 1;
            for (int tau = minSegment; tau <= size - minSegment; ++tau) {
                const auto t = static_cast<std::size_t>(tau);
                const auto m = static_cast<double>(tau);
                const auto k = static_cast<double>(size - tau);
                const double energy
                    = 2 * between[t] / (m * k) - 2 * leftWithin[t] / (m * (m - 1)) - 2 * rightWithin[t] / (k * (k - 1));
                const double statistic = m * k / (m + k) * energy;
                if (best.tau < 0 || statistic > best.statistic)
                    best = { tau, statistic };
            }
        }
        return best;
    }

    EnergySplit strongestSplit(const std::vector<double>& x, int minSegment)
    {
        const int n = static_cast<int>(x.size());
        if (n <= longestSegmentSearchedForAnEnd)
            return strongestSplitOverEnds(x, minSegment);
        const auto statistics = splitStatistics(x);
        EnergySplit best;
        for (int tau = minSegment; tau <= n - minSegment; ++tau) {
            if (best.tau < 0 || statistics[static_cast<std::size_t>(tau - 1)] > best.statistic)
                best = { tau, statistics[static_cast<std::size_t>(tau - 1)] };
        }
        return best;
    }

    // A uniform index in [0, bound) without the modulo bias, the same on every standard library (unlike
    // std::uniform_int_distribution), so the p-values are too.
    std::size_t uniformIndex(std::mt19937_64& random, std::size_t bound)
    {
        return static_cast<std::size_t>((static_cast<unsigned __int128>(random()) * bound) >> 64);
    }

    // The share of permutations of the segment whose strongest split is at least as strong, with the
    // observed order counted as one of them. Stops once the answer can no longer be significant.
    double permutationPValue(
        const std::vector<double>& segment, double observed, std::uint64_t seed, const ChangePointOptions& options)
    {
        std::mt19937_64 random(seed);
        std::vector<double> shuffled = segment;
        const int giveUpAt = static_cast<int>(std::floor(options.maxPValue * (options.permutations + 1)));
        int atLeastAsStrong = 0;
        int done = 0;
        for (; done < options.permutations; ++done) {
            for (std::size_t i = shuffled.size() - 1; i > 0; --i)
                std::swap(shuffled[i], shuffled[uniformIndex(random, i + 1)]);
            // A tie with the observed statistic counts against the split, up to rounding.
            if (strongestSplit(shuffled, options.minSegment).statistic >= observed * (1 - 1e-12))
                ++atLeastAsStrong;
            if (atLeastAsStrong >= giveUpAt) {
                ++done;
                break;
            }
        }
        return (1.0 + atLeastAsStrong) / (1.0 + done);
    }

    double relativeChange(double before, double after)
    {
        if (before == 0)
            return after == 0 ? 0 : NAN; // as RunComparison: no percentage of nothing
        return (after - before) / std::abs(before);
    }

    QList<ChangePoint> describe(const QList<double>& values, QList<std::pair<int, double>> splits)
    {
        std::sort(splits.begin(), splits.end());
        QList<ChangePoint> points;
        for (qsizetype i = 0; i < splits.size(); ++i) {
            const int start = i > 0 ? splits[i - 1].first : 0;
            const int end = i + 1 < splits.size() ? splits[i + 1].first : static_cast<int>(values.size());
            const int at = splits[i].first;
            ChangePoint point;
            point.index = at;
            point.pValue = splits[i].second;
            point.medianBefore = Quantiles::of(values.mid(start, at - start), 0.5);
            point.medianAfter = Quantiles::of(values.mid(at, end - at), 0.5);
            point.relativeChange = relativeChange(point.medianBefore, point.medianAfter);
            points.append(point);
        }
        return points;
    }

} // namespace

EnergySplit strongestEnergySplit(const QList<double>& values, int minSegment)
{
    return strongestSplit(std::vector<double>(values.begin(), values.end()), std::max(minSegment, 2));
}

QList<double> energySplitStatistics(const QList<double>& values)
{
    const auto statistics = splitStatistics(std::vector<double>(values.begin(), values.end()));
    return QList<double>(statistics.begin(), statistics.end());
}

QList<ChangePoint> detectChangePoints(const QList<double>& values, const ChangePointOptions& options)
{
    ChangePointOptions settings = options;
    settings.minSegment = std::max(settings.minSegment, 2);
    const int n = static_cast<int>(values.size());
    if (n < 2 * settings.minSegment)
        return {};
    // Scaled into [−1, 1] so that the distance sums cannot overflow, whatever the values (1e308 included).
    double largest = 0;
    for (const double v : values)
        largest = std::max(largest, std::abs(v));
    std::vector<double> x(values.begin(), values.end());
    if (largest > 0) {
        for (double& v : x)
            v /= largest;
    }

    // Hierarchical: of all current segments, test the one with the strongest split; stop at the first
    // split that is not significant (Matteson & James, section 2.2).
    QList<std::pair<int, double>> splits;
    QList<std::pair<int, int>> segments { { 0, n } };
    while (true) {
        int bestSegment = -1;
        EnergySplit best;
        for (qsizetype s = 0; s < segments.size(); ++s) {
            const auto [start, end] = segments[s];
            if (end - start < 2 * settings.minSegment)
                continue;
            const std::vector<double> piece(x.begin() + start, x.begin() + end);
            const EnergySplit split = strongestSplit(piece, settings.minSegment);
            if (split.tau >= 0 && (bestSegment < 0 || split.statistic > best.statistic)) {
                bestSegment = static_cast<int>(s);
                best = split;
            }
        }
        if (bestSegment < 0 || !(best.statistic > 0))
            break;
        const auto [start, end] = segments[bestSegment];
        const std::vector<double> piece(x.begin() + start, x.begin() + end);
        const auto seed
            = 0x9e3779b97f4a7c15ULL ^ (static_cast<std::uint64_t>(start) << 32U) ^ static_cast<std::uint64_t>(end);
        const double pValue = permutationPValue(piece, best.statistic, seed, settings);
        if (pValue > settings.maxPValue)
            break;
        splits.append({ start + best.tau, pValue });
        segments[bestSegment] = { start, start + best.tau };
        segments.insert(bestSegment + 1, { start + best.tau, end });
    }

    // Too small a change is dropped and its neighbours merge; the medians are taken after that.
    while (settings.minRelativeChange > 0) {
        const auto points = describe(values, splits);
        auto smallest = points.cend();
        for (auto point = points.cbegin(); point != points.cend(); ++point) {
            if (std::abs(point->relativeChange) < settings.minRelativeChange
                && (smallest == points.cend() || std::abs(point->relativeChange) < std::abs(smallest->relativeChange)))
                smallest = point;
        }
        if (smallest == points.cend())
            break;
        splits.removeIf([&](const auto& split) { return split.first == smallest->index; });
    }
    return describe(values, splits);
}

} // namespace perfdash
