#include "ClassicBuckets.h"

#include "HistogramProblems.h"
#include "NumberText.h"

#include <QString>
#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    constexpr double infinity = std::numeric_limits<double>::infinity();

    QString leText(double bound) { return QString::fromLatin1(shortestNumberText(bound)); }

    void report(HistogramProblems* problems, const QString& what, qint64 timeMs)
    {
        if (problems)
            problems->add(what, timeMs);
    }
}

std::optional<double> classicBucketBound(QStringView le)
{
    const QStringView text = le.trimmed();
    QStringView magnitude = text;
    double sign = 1;
    if (magnitude.startsWith(QLatin1Char('+')) || magnitude.startsWith(QLatin1Char('-'))) {
        sign = magnitude.startsWith(QLatin1Char('-')) ? -1 : 1;
        magnitude = magnitude.mid(1);
    }
    if (magnitude.compare(QLatin1String("inf"), Qt::CaseInsensitive) == 0
        || magnitude.compare(QLatin1String("infinity"), Qt::CaseInsensitive) == 0)
        return sign * infinity;
    if (magnitude.compare(QLatin1String("nan"), Qt::CaseInsensitive) == 0)
        return std::numeric_limits<double>::quiet_NaN();
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

HistogramColumn decumulatedColumn(qint64 timeMs, QList<ClassicBucket> buckets, HistogramProblems* problems)
{
    HistogramColumn column;
    column.timeMs = timeMs;
    column.kind = HistogramKind::Classic;

    const auto unknown = std::remove_if(buckets.begin(), buckets.end(), [&](const ClassicBucket& bucket) {
        if (std::isnan(bucket.upperBound)) {
            report(problems, QStringLiteral("a bucket with le=NaN is left out"), timeMs);
            return true;
        }
        if (std::isnan(bucket.cumulativeCount)) {
            report(problems,
                QStringLiteral("the count at le=%1 is NaN; the bucket is left out").arg(leText(bucket.upperBound)),
                timeMs);
            return true;
        }
        return false;
    });
    buckets.erase(unknown, buckets.end());
    if (buckets.isEmpty())
        return column;

    std::stable_sort(buckets.begin(), buckets.end(),
        [](const ClassicBucket& a, const ClassicBucket& b) { return a.upperBound < b.upperBound; });

    // Equal le (from series whose other labels differ, or "1" beside "1.0") add up, as in histogram_quantile.
    QList<ClassicBucket> merged;
    merged.reserve(buckets.size());
    bool reportedLast = false;
    for (const ClassicBucket& bucket : std::as_const(buckets)) {
        if (!merged.isEmpty() && merged.last().upperBound == bucket.upperBound) {
            if (!reportedLast)
                report(problems,
                    QStringLiteral("le=%1 appears more than once; the counts are added").arg(leText(bucket.upperBound)),
                    timeMs);
            reportedLast = true;
            merged.last().cumulativeCount += bucket.cumulativeCount;
        } else {
            merged << bucket;
            reportedLast = false;
        }
    }

    double highest = merged.first().cumulativeCount;
    for (qsizetype i = 1; i < merged.size(); ++i) {
        if (merged[i].cumulativeCount < highest) {
            report(problems,
                QStringLiteral("the cumulative count falls at le=%1; the count below it is carried up")
                    .arg(leText(merged[i].upperBound)),
                timeMs);
            merged[i].cumulativeCount = highest;
        }
        highest = merged[i].cumulativeCount;
    }

    const bool hasInfBucket = merged.last().upperBound == infinity;
    if (!hasInfBucket)
        report(problems, QStringLiteral("no +Inf bucket; quantiles are NaN, as histogram_quantile gives"), timeMs);

    column.bounds.reserve(merged.size() + 1);
    column.values.reserve(merged.size());
    column.bounds << (merged.first().upperBound > 0 ? 0.0 : -infinity);
    double below = 0;
    for (const ClassicBucket& bucket : std::as_const(merged)) {
        column.bounds << bucket.upperBound;
        column.values << bucket.cumulativeCount - below;
        below = bucket.cumulativeCount;
    }
    if (hasInfBucket)
        column.count = merged.last().cumulativeCount;
    return column;
}

} // namespace perfdash
