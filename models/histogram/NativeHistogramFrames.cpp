#include "NativeHistogramFrames.h"

#include "HistogramProblems.h"
#include "NumberText.h"

#include <algorithm>
#include <map>

namespace perfdash {

namespace {
    QString rangeText(const NativeHistogramBucket& bucket)
    {
        return QStringLiteral("(%1, %2]")
            .arg(QString::fromLatin1(shortestNumberText(bucket.lower)),
                QString::fromLatin1(shortestNumberText(bucket.upper)));
    }

    bool lowerFirst(const NativeHistogramBucket& a, const NativeHistogramBucket& b)
    {
        return a.lower < b.lower || (a.lower == b.lower && a.upper < b.upper);
    }

    // Adds `sample`'s buckets to `sum`, which is sorted; false (and `sum` untouched) when one of them
    // overlaps a bucket of `sum` without coinciding with it.
    bool addBuckets(QList<NativeHistogramBucket>& sum, const NativeHistogramSample& sample)
    {
        QList<NativeHistogramBucket> result = sum;
        for (const NativeHistogramBucket& bucket : sample.buckets) {
            const auto same = std::find_if(result.begin(), result.end(), [&](const NativeHistogramBucket& other) {
                return other.lower == bucket.lower && other.upper == bucket.upper;
            });
            if (same != result.end()) {
                same->count += bucket.count;
                continue;
            }
            const bool overlaps = std::any_of(result.cbegin(), result.cend(), [&](const NativeHistogramBucket& other) {
                return bucket.lower < other.upper && other.lower < bucket.upper;
            });
            if (overlaps)
                return false;
            result.insert(std::upper_bound(result.begin(), result.end(), bucket, lowerFirst), bucket);
        }
        sum = result;
        return true;
    }
}

HistogramColumn nativeHistogramColumn(const NativeHistogramSample& sample, HistogramProblems* problems)
{
    HistogramColumn column;
    column.timeMs = sample.timeMs;
    column.kind = HistogramKind::Native;
    column.count = sample.count;
    column.sum = sample.sum;

    QList<NativeHistogramBucket> buckets = sample.buckets;
    std::stable_sort(buckets.begin(), buckets.end(), lowerFirst);
    for (const NativeHistogramBucket& bucket : std::as_const(buckets)) {
        if (!(bucket.lower < bucket.upper)) {
            if (problems)
                problems->add(QStringLiteral("native bucket %1 is empty or reversed; left out").arg(rangeText(bucket)),
                    sample.timeMs);
            continue;
        }
        if (column.bounds.isEmpty()) {
            column.bounds << bucket.lower;
        } else if (bucket.lower < column.bounds.last()) {
            if (problems)
                problems->add(
                    QStringLiteral("native bucket %1 overlaps the one below it; left out").arg(rangeText(bucket)),
                    sample.timeMs);
            continue;
        } else if (bucket.lower > column.bounds.last()) {
            // The API leaves out empty buckets; the range between is one empty bucket here.
            column.values << 0.0;
            column.bounds << bucket.lower;
        }
        column.values << bucket.count;
        column.bounds << bucket.upper;
    }
    return column;
}

HistogramFrames framesFromNativeHistograms(const QList<QuerySeries>& series, qint64 stepMs)
{
    HistogramProblems problems;
    struct Sum {
        NativeHistogramSample sample;
        bool any = false;
    };
    std::map<qint64, Sum> byTime;
    for (const QuerySeries& one : series) {
        for (const NativeHistogramSample& sample : one.histograms) {
            Sum& sum = byTime[sample.timeMs];
            if (!sum.any) {
                sum.sample = sample;
                std::stable_sort(sum.sample.buckets.begin(), sum.sample.buckets.end(), lowerFirst);
                sum.any = true;
                continue;
            }
            if (!addBuckets(sum.sample.buckets, sample)) {
                problems.add(QStringLiteral("native buckets of different layouts (schema or zero threshold) cannot "
                                            "be added; a series is left out"),
                    sample.timeMs);
                continue;
            }
            sum.sample.count += sample.count;
            sum.sample.sum += sample.sum;
        }
    }

    HistogramFrames frames;
    frames.stepMs = stepMs;
    for (const auto& [timeMs, sum] : byTime) {
        HistogramColumn column = nativeHistogramColumn(sum.sample, &problems);
        if (!column.values.isEmpty())
            frames.columns << column;
    }
    frames.problems = problems.lines();
    return frames;
}

} // namespace perfdash
