#include "ClassicBucketFrames.h"

#include "ClassicBuckets.h"
#include "HistogramProblems.h"
#include "NumberText.h"

#include <QMap>
#include <cmath>
#include <map>

namespace perfdash {

namespace {
    QString labelsText(const QMap<QString, QString>& labels)
    {
        QStringList pairs;
        for (auto label = labels.cbegin(); label != labels.cend(); ++label)
            pairs << QStringLiteral("%1=\"%2\"").arg(label.key(), label.value());
        return QLatin1Char('{') + pairs.join(QStringLiteral(", ")) + QLatin1Char('}');
    }

    QString boundsText(const QList<double>& upperBounds)
    {
        QStringList texts;
        for (double bound : upperBounds)
            texts << QString::fromLatin1(shortestNumberText(bound));
        return texts.join(QStringLiteral(", "));
    }

    // The upper bounds of `from` that `to` lacks.
    QList<double> missingFrom(const QList<double>& from, const QList<double>& to)
    {
        QList<double> missing;
        for (qsizetype i = 1; i < from.size(); ++i)
            if (!to.mid(1).contains(from[i]))
                missing << from[i];
        return missing;
    }

    void reportLayoutChanges(const QList<HistogramColumn>& columns, HistogramProblems& problems)
    {
        for (qsizetype i = 1; i < columns.size(); ++i) {
            const QList<double>& before = columns[i - 1].bounds;
            const QList<double>& now = columns[i].bounds;
            if (now == before)
                continue;
            const bool transient = i + 1 < columns.size() && columns[i + 1].bounds == before;
            const QList<double> missing = missingFrom(before, now);
            const QList<double> added = missingFrom(now, before);
            if (transient && added.isEmpty()) {
                problems.add(QStringLiteral("buckets le=%1 missing; their observations are counted in the bucket "
                                            "above")
                                 .arg(boundsText(missing)),
                    columns[i].timeMs);
                ++i; // the step after returns to the old layout: part of this report
            } else if (transient) {
                problems.add(
                    QStringLiteral("bucket layout differs for one step (le=%1 added, le=%2 missing)")
                        .arg(boundsText(added), missing.isEmpty() ? QStringLiteral("none") : boundsText(missing)),
                    columns[i].timeMs);
                ++i;
            } else {
                problems.add(QStringLiteral("bucket layout changes from %1 to %2 buckets (le=%3 added, le=%4 gone)")
                                 .arg(before.size() - 1)
                                 .arg(now.size() - 1)
                                 .arg(added.isEmpty() ? QStringLiteral("none") : boundsText(added),
                                     missing.isEmpty() ? QStringLiteral("none") : boundsText(missing)),
                    columns[i].timeMs);
            }
        }
    }
}

HistogramFrames framesFromClassicBuckets(const QList<QuerySeries>& series, qint64 stepMs)
{
    HistogramProblems problems;
    // time → le → value summed over the series of that le
    std::map<qint64, QMap<double, double>> byTime;
    for (const QuerySeries& one : series) {
        const auto le = one.labels.constFind(QStringLiteral("le"));
        if (le == one.labels.cend()) {
            problems.add(QStringLiteral("series %1 has no le label; left out").arg(labelsText(one.labels)));
            continue;
        }
        const std::optional<double> bound = classicBucketBound(*le);
        if (!bound) {
            problems.add(
                QStringLiteral("series %1 has an le that is not a number; left out").arg(labelsText(one.labels)));
            continue;
        }
        for (const QPointF& point : one.points)
            byTime[qint64(std::llround(point.x()))][*bound] += point.y();
    }

    HistogramFrames frames;
    frames.stepMs = stepMs;
    QList<QList<double>> layouts;
    for (const auto& [timeMs, values] : byTime) {
        QList<ClassicBucket> buckets;
        buckets.reserve(values.size());
        for (auto value = values.cbegin(); value != values.cend(); ++value)
            buckets << ClassicBucket { value.key(), value.value() };
        HistogramColumn column = decumulatedColumn(timeMs, buckets, &problems);
        if (column.values.isEmpty())
            continue;
        // One copy of the bounds per layout, however many columns use it.
        const qsizetype layout = layouts.indexOf(column.bounds);
        if (layout >= 0)
            column.bounds = layouts[layout];
        else
            layouts << column.bounds;
        frames.columns << column;
    }
    reportLayoutChanges(frames.columns, problems);
    frames.problems = problems.lines();
    return frames;
}

} // namespace perfdash
