#include "HistogramQuantile.h"

#include "NativeBucketSides.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
    constexpr double infinity = std::numeric_limits<double>::infinity();

    // The first index in [0, n) where atOrAbove(i) holds, n when none does, found by the same halving as
    // Go's sort.Search so that even counts that break monotonicity (NaN) land where the server's do.
    template <typename Predicate> qsizetype firstIndexWhere(qsizetype n, Predicate atOrAbove)
    {
        qsizetype low = 0;
        qsizetype high = n;
        while (low < high) {
            const qsizetype middle = low + (high - low) / 2;
            if (!atOrAbove(middle))
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    double nativeQuantile(double q, const HistogramColumn& column)
    {
        const double observations = std::isnan(column.count) ? column.total() : column.count;
        if (observations == 0 || std::isnan(q))
            return notANumber;

        const NativeBucketSides sides = NativeBucketSides::of(column);
        const double rank = q * observations;
        double lower = 0;
        double upper = 0;
        double inBucket = 0;
        double cumulative = 0;
        for (qsizetype i = 0; i < column.values.size(); ++i) {
            lower = column.bounds[i];
            upper = column.bounds[i + 1];
            inBucket = column.values[i];
            cumulative += inBucket;
            if (cumulative >= rank)
                break;
        }
        sides.adjustZeroBucket(lower, upper);
        // Rounding can carry the running sum past the count.
        cumulative = std::min(cumulative, observations);
        if (cumulative < rank)
            return upper;
        const double rankInBucket = rank - (cumulative - inBucket);
        return lower + (upper - lower) * (rankInBucket / inBucket);
    }
}

double classicBucketQuantile(double q, QList<ClassicBucket> buckets)
{
    if (std::isnan(q))
        return notANumber;
    if (q < 0)
        return -infinity;
    if (q > 1)
        return infinity;
    if (buckets.isEmpty())
        return notANumber;
    std::sort(buckets.begin(), buckets.end(),
        [](const ClassicBucket& a, const ClassicBucket& b) { return a.upperBound < b.upperBound; });
    if (buckets.last().upperBound != infinity)
        return notANumber;

    qsizetype kept = 0;
    for (qsizetype i = 1; i < buckets.size(); ++i) {
        if (buckets[i].upperBound == buckets[kept].upperBound)
            buckets[kept].cumulativeCount += buckets[i].cumulativeCount;
        else
            buckets[++kept] = buckets[i];
    }
    buckets.resize(kept + 1);

    // Written as the server's comparisons, so a NaN count neither raises nor is raised.
    double highest = buckets.first().cumulativeCount;
    for (qsizetype i = 1; i < buckets.size(); ++i) {
        if (buckets[i].cumulativeCount > highest)
            highest = buckets[i].cumulativeCount;
        else if (buckets[i].cumulativeCount < highest)
            buckets[i].cumulativeCount = highest;
    }

    const qsizetype n = buckets.size();
    if (n < 2)
        return notANumber;
    const double observations = buckets.last().cumulativeCount;
    if (observations == 0)
        return notANumber;
    double rank = q * observations;
    const qsizetype b = firstIndexWhere(n - 1, [&](qsizetype i) { return buckets[i].cumulativeCount >= rank; });
    if (b == n - 1)
        return buckets[n - 2].upperBound;
    if (b == 0 && buckets[0].upperBound <= 0)
        return buckets[0].upperBound;
    double bucketStart = 0;
    double count = buckets[b].cumulativeCount;
    if (b > 0) {
        bucketStart = buckets[b - 1].upperBound;
        count -= buckets[b - 1].cumulativeCount;
        rank -= buckets[b - 1].cumulativeCount;
    }
    return bucketStart + (buckets[b].upperBound - bucketStart) * (rank / count);
}

double histogramQuantile(double q, const HistogramColumn& column)
{
    if (column.kind == HistogramKind::Native) {
        if (q < 0)
            return -infinity;
        if (q > 1)
            return infinity;
        return nativeQuantile(q, column);
    }
    QList<ClassicBucket> buckets;
    buckets.reserve(column.values.size());
    double cumulative = 0;
    for (qsizetype i = 0; i < column.values.size(); ++i) {
        cumulative += column.values[i];
        buckets << ClassicBucket { column.bounds[i + 1], cumulative };
    }
    return classicBucketQuantile(q, buckets);
}

} // namespace perfdash
