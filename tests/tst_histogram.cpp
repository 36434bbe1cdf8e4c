#include "BucketCounterFrames.h"
#include "ClassicBucketFrames.h"
#include "ClassicBuckets.h"
#include "CounterRate.h"
#include "HeadlessTestMain.h"
#include "HistogramProblems.h"
#include "HistogramQuantile.h"
#include "HistogramShare.h"
#include "NativeHistogramFrames.h"
#include "UtcTimeText.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace perfdash;

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr qint64 t0 = 1'796'000'000'000; // 2026-11-30T…Z: any time works, this one reads like a real one

bool sameValue(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    if (a == b)
        return true;
    // Prometheus' own tests compare with almostEqual; rounding differs in the last bits at most.
    return std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b));
}

QString valuesText(const QList<double>& values)
{
    QStringList texts;
    for (double value : values)
        texts << QString::number(value, 'g', 17);
    return texts.join(QStringLiteral(", "));
}

bool sameValues(const QList<double>& a, const QList<double>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (!sameValue(a[i], b[i]))
            return false;
    return true;
}

#define COMPARE_VALUES(actual, expected)                                                                               \
    QVERIFY2(sameValues(actual, expected),                                                                             \
        qPrintable(QStringLiteral("[%1] instead of [%2]").arg(valuesText(actual), valuesText(expected))))

#define COMPARE_VALUE(actual, expected)                                                                                \
    QVERIFY2(sameValue(actual, expected),                                                                              \
        qPrintable(QStringLiteral("%1 instead of %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17)))

bool anyLineContains(const QStringList& lines, const QString& part)
{
    for (const QString& line : lines)
        if (line.contains(part))
            return true;
    return false;
}

QuerySeries bucketSeries(const QString& le, const QList<QPointF>& points, const QString& instance = {})
{
    QuerySeries series;
    series.labels.insert(QStringLiteral("le"), le);
    if (!instance.isEmpty())
        series.labels.insert(QStringLiteral("instance"), instance);
    series.points = points;
    return series;
}

NativeHistogramSample nativeSample(qint64 timeMs, double count, const QList<NativeHistogramBucket>& buckets)
{
    return NativeHistogramSample { timeMs, count, 100, buckets };
}

// The three histograms of Prometheus 2.42's TestNativeHistogram_HistogramQuantile (promql/engine_test.go),
// as the HTTP API would send them: schema 0 (bucket i spans (2^(i-1), 2^i]), zero threshold 0.001, spans
// {0, 2}, {1, 2} and bucket deltas {2, 1, -2, 3}: counts 2 in (0.5, 1], 3 in (1, 2], 1 in (4, 8], 4 in
// (8, 16], nothing in (2, 4], so the API leaves that bucket out.
QList<NativeHistogramBucket> positiveBuckets()
{
    return { { 0, 0.5, 1, 2 }, { 0, 1, 2, 3 }, { 0, 4, 8, 1 }, { 0, 8, 16, 4 } };
}
QList<NativeHistogramBucket> negativeBuckets()
{
    return { { 1, -16, -8, 4 }, { 1, -8, -4, 1 }, { 1, -2, -1, 3 }, { 1, -1, -0.5, 2 } };
}
NativeHistogramSample onlyPositive()
{
    return nativeSample(t0, 12, positiveBuckets() << NativeHistogramBucket { 3, -0.001, 0.001, 2 });
}
NativeHistogramSample onlyNegative()
{
    return nativeSample(t0, 12, negativeBuckets() << NativeHistogramBucket { 3, -0.001, 0.001, 2 });
}
NativeHistogramSample bothSides()
{
    return nativeSample(
        t0, 24, negativeBuckets() << NativeHistogramBucket { 3, -0.001, 0.001, 4 } << positiveBuckets());
}

// A counter sampled every 10 s from t0 on: one value per sample.
std::vector<LatestSample> counter(const QList<double>& values, qint64 startMs = t0)
{
    std::vector<LatestSample> samples;
    for (qsizetype i = 0; i < values.size(); ++i)
        samples.push_back({ startMs + 10'000 * i, values[i] });
    return samples;
}
}

class TestHistogram : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bucketBoundsParseAsPrometheusDoes_data()
    {
        QTest::addColumn<QString>("le");
        QTest::addColumn<double>("bound");
        QTest::addColumn<bool>("valid");
        QTest::addRow("number") << "0.25" << 0.25 << true;
        QTest::addRow("integer") << "10" << 10.0 << true;
        QTest::addRow("exponent") << "1e-3" << 0.001 << true;
        QTest::addRow("+Inf") << "+Inf" << infinity << true;
        QTest::addRow("Inf") << "Inf" << infinity << true;
        QTest::addRow("-Inf") << "-Inf" << -infinity << true;
        QTest::addRow("NaN") << "NaN" << notANumber << true;
        QTest::addRow("word") << "fast" << 0.0 << false;
        QTest::addRow("empty") << "" << 0.0 << false;
    }

    void bucketBoundsParseAsPrometheusDoes()
    {
        QFETCH(QString, le);
        QFETCH(double, bound);
        QFETCH(bool, valid);
        const std::optional<double> parsed = classicBucketBound(le);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            COMPARE_VALUE(*parsed, bound);
    }

    void decumulatesSortedOrNot()
    {
        // Cumulative 2, 5, 8, 10 at le 0.5, 1, 2, +Inf, given out of order: per bucket 2, 3, 3, 2; the first
        // bucket starts at 0 because its le is positive.
        HistogramProblems problems;
        const HistogramColumn column
            = decumulatedColumn(t0, { { 1, 5 }, { infinity, 10 }, { 0.5, 2 }, { 2, 8 } }, &problems);
        QCOMPARE(column.timeMs, t0);
        QCOMPARE(column.kind, HistogramKind::Classic);
        COMPARE_VALUES(column.bounds, (QList<double> { 0, 0.5, 1, 2, infinity }));
        COMPARE_VALUES(column.values, (QList<double> { 2, 3, 3, 2 }));
        QCOMPARE(column.count, 10.0);
        QVERIFY(std::isnan(column.sum));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.lines().join(u'\n')));
    }

    void firstBucketAtOrBelowZeroStartsAtMinusInfinity()
    {
        // le -1, 0, 1, +Inf with cumulative 1, 3, 4, 4: (-Inf, -1] holds 1, (-1, 0] 2, (0, 1] 1, (1, +Inf] 0.
        const HistogramColumn column
            = decumulatedColumn(t0, { { -1, 1 }, { 0, 3 }, { 1, 4 }, { infinity, 4 } }, nullptr);
        COMPARE_VALUES(column.bounds, (QList<double> { -infinity, -1, 0, 1, infinity }));
        COMPARE_VALUES(column.values, (QList<double> { 1, 2, 1, 0 }));
    }

    void missingInfBucketIsReported()
    {
        HistogramProblems problems;
        const HistogramColumn column = decumulatedColumn(t0, { { 0.5, 2 }, { 1, 5 } }, &problems);
        COMPARE_VALUES(column.bounds, (QList<double> { 0, 0.5, 1 }));
        COMPARE_VALUES(column.values, (QList<double> { 2, 3 }));
        QVERIFY(std::isnan(column.count));
        QCOMPARE(problems.lines().size(), 1);
        QVERIFY2(problems.lines().first().startsWith(QStringLiteral("no +Inf bucket")),
            qPrintable(problems.lines().first()));
        QVERIFY(problems.lines().first().endsWith(QStringLiteral(" at ") + utcTimeText(t0)));
        // histogram_quantile's rule: without +Inf there is no quantile, nor a share.
        QVERIFY(std::isnan(histogramQuantile(0.5, column)));
        QVERIFY(std::isnan(shareAtOrBelow(column, 0.7)));
    }

    void fallingCumulativeCountsAreCarriedUp()
    {
        // Cumulative 4, 3, 6, 6 at le 0.5, 1, 2, +Inf: ensureMonotonic makes le=1 4, so buckets 4, 0, 2, 0.
        HistogramProblems problems;
        const HistogramColumn column
            = decumulatedColumn(t0, { { 0.5, 4 }, { 1, 3 }, { 2, 6 }, { infinity, 6 } }, &problems);
        COMPARE_VALUES(column.values, (QList<double> { 4, 0, 2, 0 }));
        QCOMPARE(problems.lines().size(), 1);
        const QString line = problems.lines().first();
        QVERIFY2(line.contains(QStringLiteral("falls at le=1;")), qPrintable(line));
        QVERIFY2(line.contains(utcTimeText(t0)), qPrintable(line));
    }

    void nanCountLeavesTheBucketOut()
    {
        // Cumulative 2, NaN, 8, 10 at le 0.5, 1, 2, +Inf: le=1 goes, (0.5, 2] holds 8 - 2 = 6.
        HistogramProblems problems;
        const HistogramColumn column
            = decumulatedColumn(t0, { { 0.5, 2 }, { 1, notANumber }, { 2, 8 }, { infinity, 10 } }, &problems);
        COMPARE_VALUES(column.bounds, (QList<double> { 0, 0.5, 2, infinity }));
        COMPARE_VALUES(column.values, (QList<double> { 2, 6, 2 }));
        QVERIFY(anyLineContains(problems.lines(), QStringLiteral("le=1 is NaN")));
    }

    void duplicateBoundsAddUp()
    {
        // le=1 twice (2 and 3): 5 in (0, 1], 9 - 5 = 4 above; as coalesceBuckets adds them.
        HistogramProblems problems;
        const HistogramColumn column = decumulatedColumn(t0, { { 1, 2 }, { infinity, 9 }, { 1, 3 } }, &problems);
        COMPARE_VALUES(column.values, (QList<double> { 5, 4 }));
        QVERIFY(anyLineContains(problems.lines(), QStringLiteral("le=1 appears more than once")));
    }

    void problemsRepeatedOverTimeFoldIntoOneLine()
    {
        HistogramProblems problems;
        problems.add(QStringLiteral("no +Inf bucket"), t0 + 2000);
        problems.add(QStringLiteral("series {} has no le label"));
        problems.add(QStringLiteral("no +Inf bucket"), t0);
        problems.add(QStringLiteral("no +Inf bucket"), t0 + 1000);
        problems.add(QStringLiteral("series {} has no le label"));
        QCOMPARE(problems.lines(),
            (QStringList { QStringLiteral("no +Inf bucket at %1 and 2 more times until %2")
                               .arg(utcTimeText(t0), utcTimeText(t0 + 2000)),
                QStringLiteral("series {} has no le label") }));
    }

    void classicQuantile_data()
    {
        QTest::addColumn<QList<double>>("les");
        QTest::addColumn<QList<double>>("cumulative");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");

        // 100 observations: 10 ≤ 0.1, 30 ≤ 0.25, 60 ≤ 0.5, 90 ≤ 1.
        const QList<double> les { 0.1, 0.25, 0.5, 1, infinity };
        const QList<double> counts { 10, 30, 60, 90, 100 };
        // rank 50 is the 20th of 30 in (0.25, 0.5]: 0.25 + 0.25 · 20/30
        QTest::addRow("median interpolated") << les << counts << 0.5 << 0.25 + 0.25 * (20.0 / 30.0);
        // rank 5 in the first bucket, which starts at 0: 0.1 · 5/10
        QTest::addRow("first bucket from 0") << les << counts << 0.05 << 0.05;
        // rank 90 is the top of (0.5, 1]
        QTest::addRow("rank on a bucket's top") << les << counts << 0.9 << 1.0;
        // rank 95 lies in (1, +Inf]: the second-highest le
        QTest::addRow("in the +Inf bucket") << les << counts << 0.95 << 1.0;
        QTest::addRow("q 1") << les << counts << 1.0 << 1.0;
        QTest::addRow("q 0") << les << counts << 0.0 << 0.0;
        QTest::addRow("q < 0") << les << counts << -0.1 << -infinity;
        QTest::addRow("q > 1") << les << counts << 1.1 << infinity;
        QTest::addRow("q NaN") << les << counts << notANumber << notANumber;
        // rank 3 in (-Inf, -1]: that le, no interpolation
        QTest::addRow("first le <= 0") << QList<double> { -1, 0, 1, infinity } << QList<double> { 5, 8, 10, 10 } << 0.3
                                       << -1.0;
        QTest::addRow("only +Inf") << QList<double> { infinity } << QList<double> { 5 } << 0.5 << notANumber;
        QTest::addRow("no observations") << les << QList<double> { 0, 0, 0, 0, 0 } << 0.5 << notANumber;
        QTest::addRow("no +Inf") << QList<double> { 0.5, 1 } << QList<double> { 4, 8 } << 0.5 << notANumber;
        // 4, 3, 8 becomes 4, 4, 8; rank 4 is the top of (0, 0.5]
        QTest::addRow("falling count") << QList<double> { 0.5, 1, infinity } << QList<double> { 4, 3, 8 } << 0.5 << 0.5;
        // le=1 twice adds to 4: rank 2 of 4 in (0, 1]
        QTest::addRow("duplicate le") << QList<double> { 1, 1, infinity } << QList<double> { 2, 2, 8 } << 0.25 << 0.5;
        // rank 0 in an empty first bucket: 0 · (0/0), NaN on the server too
        QTest::addRow("q 0, empty first bucket")
            << QList<double> { 0.5, 1, infinity } << QList<double> { 0, 2, 4 } << 0.0 << notANumber;
    }

    void classicQuantile()
    {
        QFETCH(QList<double>, les);
        QFETCH(QList<double>, cumulative);
        QFETCH(double, q);
        QFETCH(double, expected);
        QList<ClassicBucket> buckets;
        for (qsizetype i = 0; i < les.size(); ++i)
            buckets << ClassicBucket { les[i], cumulative[i] };
        COMPARE_VALUE(classicBucketQuantile(q, buckets), expected);
        // The de-cumulated column answers the same, except where the raw buckets cannot form one.
        const HistogramColumn column = decumulatedColumn(t0, buckets, nullptr);
        COMPARE_VALUE(histogramQuantile(q, column), expected);
    }

    void nativeQuantile_data()
    {
        QTest::addColumn<NativeHistogramSample>("sample");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");
        // Expected values as in Prometheus 2.42's TestNativeHistogram_HistogramQuantile; worked by hand:
        // positive: zero bucket 2 (cumulative 2), (0.5,1] 4, (1,2] 7, (2,4] 7, (4,8] 8, (8,16] 12.
        QTest::addRow("positive, 1.0001") << onlyPositive() << 1.0001 << infinity;
        QTest::addRow("positive, 1") << onlyPositive() << 1.0 << 16.0; // rank 12: top of (8, 16]
        QTest::addRow("positive, 0.99") << onlyPositive() << 0.99 << 15.759999999999998; // 8 + 8 · 3.88/4
        QTest::addRow("positive, 0.9") << onlyPositive() << 0.9 << 13.600000000000001; // 8 + 8 · 2.8/4
        QTest::addRow("positive, 0.6") << onlyPositive() << 0.6 << 4.799999999999997; // 4 + 4 · 0.2/1
        QTest::addRow("positive, 0.5") << onlyPositive() << 0.5 << 1.6666666666666665; // 1 + 1 · 2/3
        // rank 1.2 in the zero bucket, narrowed to [0, 0.001] as there are no negative buckets: 0.001 · 1.2/2
        QTest::addRow("positive, 0.1, zero bucket") << onlyPositive() << 0.1 << 0.0006000000000000001;
        QTest::addRow("positive, 0") << onlyPositive() << 0.0 << 0.0;
        QTest::addRow("positive, -1") << onlyPositive() << -1.0 << -infinity;
        // negative: (-16,-8] 4, (-8,-4] 5, (-2,-1] 8, (-1,-0.5] 10, zero bucket narrowed to [-0.001, 0] 12.
        QTest::addRow("negative, 1") << onlyNegative() << 1.0 << 0.0;
        QTest::addRow("negative, 0.99") << onlyNegative() << 0.99 << -6.000000000000048e-05;
        QTest::addRow("negative, 0.9") << onlyNegative() << 0.9 << -0.0005999999999999996; // -0.001 + 0.001 · 0.8/2
        QTest::addRow("negative, 0.5") << onlyNegative() << 0.5 << -1.6666666666666667; // -2 + 1 · 1/3
        QTest::addRow("negative, 0.1") << onlyNegative() << 0.1 << -13.6; // -16 + 8 · 1.2/4
        QTest::addRow("negative, 0") << onlyNegative() << 0.0 << -16.0;
        // both: 10 below zero, zero bucket [-0.001, 0.001] 4 (kept whole), 10 above; 24 in all.
        QTest::addRow("both, 1") << bothSides() << 1.0 << 16.0;
        QTest::addRow("both, 0.99") << bothSides() << 0.99 << 15.519999999999996;
        QTest::addRow("both, 0.9") << bothSides() << 0.9 << 11.200000000000003;
        QTest::addRow("both, 0.7") << bothSides() << 0.7 << 1.2666666666666657;
        QTest::addRow("both, 0.55, zero bucket")
            << bothSides() << 0.55 << 0.0006000000000000005; // -0.001 + 0.002 · 3.2/4
        QTest::addRow("both, 0.5, zero bucket") << bothSides() << 0.5 << 0.0;
        QTest::addRow("both, 0.45, zero bucket") << bothSides() << 0.45 << -0.0005999999999999996;
        QTest::addRow("both, 0.3") << bothSides() << 0.3 << -1.266666666666667;
        QTest::addRow("both, 0.1") << bothSides() << 0.1 << -11.2;
        QTest::addRow("both, 0.01") << bothSides() << 0.01 << -15.52;
        QTest::addRow("both, 0") << bothSides() << 0.0 << -16.0;
        // A count above the buckets' 12 (NaN observations): rank 13 is beyond them, the top edge 16.
        NativeHistogramSample withNaNs = onlyPositive();
        withNaNs.count = 13;
        QTest::addRow("count above the buckets") << withNaNs << 1.0 << 16.0;
        QTest::addRow("no observations") << nativeSample(t0, 0, {}) << 0.5 << notANumber;
        QTest::addRow("q NaN") << onlyPositive() << notANumber << notANumber;
    }

    void nativeQuantile()
    {
        QFETCH(NativeHistogramSample, sample);
        QFETCH(double, q);
        QFETCH(double, expected);
        HistogramProblems problems;
        const HistogramColumn column = nativeHistogramColumn(sample, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.lines().join(u'\n')));
        COMPARE_VALUE(histogramQuantile(q, column), expected);
    }

    void nativeColumnFillsGapsBetweenSparseBuckets()
    {
        // The API left out (2, 4] and the range between the zero bucket and 0.5: both become empty buckets.
        const HistogramColumn column = nativeHistogramColumn(onlyPositive(), nullptr);
        QCOMPARE(column.kind, HistogramKind::Native);
        COMPARE_VALUES(column.bounds, (QList<double> { -0.001, 0.001, 0.5, 1, 2, 4, 8, 16 }));
        COMPARE_VALUES(column.values, (QList<double> { 2, 0, 2, 3, 0, 1, 4 }));
        QCOMPARE(column.count, 12.0);
        QCOMPARE(column.sum, 100.0);
        const HistogramColumn negative = nativeHistogramColumn(onlyNegative(), nullptr);
        COMPARE_VALUES(negative.bounds, (QList<double> { -16, -8, -4, -2, -1, -0.5, -0.001, 0.001 }));
        COMPARE_VALUES(negative.values, (QList<double> { 4, 1, 0, 3, 2, 0, 2 }));
    }

    void share_data()
    {
        QTest::addColumn<HistogramColumn>("column");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("expected");
        // 100 requests: 40 ≤ 0.5 s, 70 ≤ 1 s, 90 ≤ 2 s.
        const HistogramColumn latency
            = decumulatedColumn(t0, { { 0.5, 40 }, { 1, 70 }, { 2, 90 }, { infinity, 100 } }, nullptr);
        // The scorecard's case: 70 + 20 · (1.6 - 1)/(2 - 1) = 82 of 100.
        QTest::addRow("inside a bucket") << latency << 1.6 << 0.82;
        QTest::addRow("on an upper edge, inclusive") << latency << 1.0 << 0.7;
        QTest::addRow("first bucket from 0") << latency << 0.25 << 0.2; // 40 · 0.25/0.5
        QTest::addRow("inside the +Inf bucket counts none of it") << latency << 5.0 << 0.9;
        QTest::addRow("below every bucket") << latency << -1.0 << 0.0;
        QTest::addRow("+Inf") << latency << infinity << 1.0;
        QTest::addRow("NaN threshold") << latency << notANumber << notANumber;
        QTest::addRow("no +Inf bucket") << decumulatedColumn(t0, { { 1, 4 } }, nullptr) << 0.5 << notANumber;
        QTest::addRow("no observations") << decumulatedColumn(t0, { { 1, 0 }, { infinity, 0 } }, nullptr) << 0.5
                                         << notANumber;
        // Native, the positive histogram above (12 observations).
        const HistogramColumn positive = nativeHistogramColumn(onlyPositive(), nullptr);
        // zero bucket narrowed to [0, 0.001]: 2 · 0.5 = 1 of 12
        QTest::addRow("native, zero bucket") << positive << 0.0005 << 1.0 / 12;
        // 2 + 2 + 3 · 0.5 = 5.5
        QTest::addRow("native, inside (1, 2]") << positive << 1.5 << 5.5 / 12;
        // 2 + 2 + 3 + 0 + 1 · 2/4 = 7.5
        QTest::addRow("native, inside (4, 8]") << positive << 6.0 << 7.5 / 12;
        QTest::addRow("native, top") << positive << 16.0 << 1.0;
        // negative: everything is at or below 0 (the zero bucket narrowed to [-0.001, 0])
        QTest::addRow("native negative, 0") << nativeHistogramColumn(onlyNegative(), nullptr) << 0.0 << 1.0;
        // -16 + … : 4 + 1 · (-6 + 8)/4 = 4.5 of 12
        QTest::addRow("native negative, -6") << nativeHistogramColumn(onlyNegative(), nullptr) << -6.0 << 4.5 / 12;
        // both: 10 below, the zero bucket [-0.001, 0.001] half below 0: 12 of 24
        QTest::addRow("native both, 0") << nativeHistogramColumn(bothSides(), nullptr) << 0.0 << 0.5;
    }

    void share()
    {
        QFETCH(HistogramColumn, column);
        QFETCH(double, threshold);
        QFETCH(double, expected);
        COMPARE_VALUE(shareAtOrBelow(column, threshold), expected);
    }

    void classicFramesAddSeriesOfEqualLe()
    {
        // Two instances' rates at two times; le "1" and "1.0" are the same bucket.
        const QList<QuerySeries> series {
            bucketSeries(QStringLiteral("0.5"), { { double(t0), 1 }, { double(t0 + 15000), 2 } }, QStringLiteral("a")),
            bucketSeries(
                QStringLiteral("0.5"), { { double(t0), 0.5 }, { double(t0 + 15000), 1 } }, QStringLiteral("b")),
            bucketSeries(QStringLiteral("1"), { { double(t0), 2 }, { double(t0 + 15000), 3 } }, QStringLiteral("a")),
            bucketSeries(QStringLiteral("1.0"), { { double(t0), 1 }, { double(t0 + 15000), 1 } }, QStringLiteral("b")),
            bucketSeries(QStringLiteral("+Inf"), { { double(t0), 4 }, { double(t0 + 15000), 5 } }),
        };
        const HistogramFrames frames = framesFromClassicBuckets(series, 15000);
        QCOMPARE(frames.stepMs, 15000);
        QVERIFY2(frames.problems.isEmpty(), qPrintable(frames.problems.join(u'\n')));
        QCOMPARE(frames.columns.size(), 2);
        QCOMPARE(frames.columns[0].timeMs, t0);
        QCOMPARE(frames.columns[1].timeMs, t0 + 15000);
        // t0: cumulative 1.5, 3, 4 → 1.5, 1.5, 1; t0 + 15 s: 3, 4, 5 → 3, 1, 1
        COMPARE_VALUES(frames.columns[0].values, (QList<double> { 1.5, 1.5, 1 }));
        COMPARE_VALUES(frames.columns[1].values, (QList<double> { 3, 1, 1 }));
        // One layout, one copy of its bounds.
        QCOMPARE(frames.columns[0].bounds.constData(), frames.columns[1].bounds.constData());
    }

    void classicFramesLeaveOutSeriesWithoutLe()
    {
        QuerySeries noLe;
        noLe.labels.insert(QStringLiteral("job"), QStringLiteral("api"));
        noLe.points = { { double(t0), 7 } };
        const HistogramFrames frames
            = framesFromClassicBuckets({ noLe, bucketSeries(QStringLiteral("1"), { { double(t0), 2 } }),
                                           bucketSeries(QStringLiteral("+Inf"), { { double(t0), 3 } }) },
                1000);
        QCOMPARE(frames.columns.size(), 1);
        COMPARE_VALUES(frames.columns[0].values, (QList<double> { 2, 1 }));
        QCOMPARE(frames.problems, QStringList { QStringLiteral("series {job=\"api\"} has no le label; left out") });
    }

    void classicFramesReportALayoutChangeOnce()
    {
        // Buckets 0.5, 1, +Inf for two steps, then le=2 appears (a deploy changed the buckets).
        const double a = double(t0), b = double(t0 + 1000), c = double(t0 + 2000), d = double(t0 + 3000);
        const HistogramFrames frames = framesFromClassicBuckets(
            {
                bucketSeries(QStringLiteral("0.5"), { { a, 1 }, { b, 1 }, { c, 1 }, { d, 1 } }),
                bucketSeries(QStringLiteral("1"), { { a, 2 }, { b, 2 }, { c, 2 }, { d, 2 } }),
                bucketSeries(QStringLiteral("2"), { { c, 3 }, { d, 3 } }),
                bucketSeries(QStringLiteral("+Inf"), { { a, 4 }, { b, 4 }, { c, 4 }, { d, 4 } }),
            },
            1000);
        QCOMPARE(frames.columns.size(), 4);
        COMPARE_VALUES(frames.columns[1].bounds, (QList<double> { 0, 0.5, 1, infinity }));
        COMPARE_VALUES(frames.columns[2].bounds, (QList<double> { 0, 0.5, 1, 2, infinity }));
        COMPARE_VALUES(frames.columns[1].values, (QList<double> { 1, 1, 2 }));
        COMPARE_VALUES(frames.columns[2].values, (QList<double> { 1, 1, 1, 1 }));
        QCOMPARE(frames.problems,
            QStringList { QStringLiteral("bucket layout changes from 3 to 4 buckets (le=2 added, le=none gone) at %1")
                              .arg(utcTimeText(t0 + 2000)) });
    }

    void classicFramesUseTheLePresentWhereSomeAreMissing()
    {
        // le=1 has no value at the middle step: that column is (0, 0.5], (0.5, +Inf], and is reported.
        const double a = double(t0), b = double(t0 + 1000), c = double(t0 + 2000);
        const HistogramFrames frames = framesFromClassicBuckets(
            {
                bucketSeries(QStringLiteral("0.5"), { { a, 2 }, { b, 2 }, { c, 2 } }),
                bucketSeries(QStringLiteral("1"), { { a, 5 }, { c, 5 } }),
                bucketSeries(QStringLiteral("+Inf"), { { a, 10 }, { b, 10 }, { c, 10 } }),
            },
            1000);
        QCOMPARE(frames.columns.size(), 3);
        COMPARE_VALUES(frames.columns[1].bounds, (QList<double> { 0, 0.5, infinity }));
        COMPARE_VALUES(frames.columns[1].values, (QList<double> { 2, 8 }));
        COMPARE_VALUES(frames.columns[2].values, (QList<double> { 2, 3, 5 }));
        QCOMPARE(frames.problems,
            QStringList {
                QStringLiteral("buckets le=1 missing; their observations are counted in the bucket above at %1")
                    .arg(utcTimeText(t0 + 1000)) });
        // The quantile is what histogram_quantile answers for that instant: rank 5 of 10 is 3 into
        // (0.5, +Inf], hence its lower edge 0.5.
        COMPARE_VALUE(histogramQuantile(0.5, frames.columns[1]), 0.5);
    }

    void classicFramesNameFallingCountsAndMissingInf()
    {
        const double a = double(t0), b = double(t0 + 1000);
        const HistogramFrames frames = framesFromClassicBuckets(
            {
                bucketSeries(QStringLiteral("0.5"), { { a, 4 }, { b, 4 } }),
                bucketSeries(QStringLiteral("1"), { { a, 3 }, { b, 5 } }),
            },
            1000);
        QCOMPARE(frames.columns.size(), 2);
        // In the order first seen: at t0 the falling count, then the missing +Inf (again at t0 + 1 s).
        QCOMPARE(frames.problems.size(), 2);
        QVERIFY2(frames.problems[0].contains(QStringLiteral("falls at le=1;"))
                && frames.problems[0].endsWith(QStringLiteral(" at ") + utcTimeText(t0)),
            qPrintable(frames.problems[0]));
        QVERIFY2(frames.problems[1].startsWith(QStringLiteral("no +Inf bucket"))
                && frames.problems[1].endsWith(
                    QStringLiteral(" at %1 and 1 more time until %2").arg(utcTimeText(t0), utcTimeText(t0 + 1000))),
            qPrintable(frames.problems[1]));
    }

    void nativeFramesAddCoincidingBuckets()
    {
        const NativeHistogramSample one = nativeSample(t0, 5, { { 0, 1, 2, 2 }, { 0, 2, 4, 3 } });
        const NativeHistogramSample other = nativeSample(t0, 4, { { 0, 2, 4, 1 }, { 0, 8, 16, 3 } });
        // Schema 1 (buckets √2 wide) overlaps (2, 4] without coinciding: it cannot be added.
        const NativeHistogramSample finer = nativeSample(t0, 1, { { 0, 2, 2.8284271247461903, 1 } });
        QuerySeries a, b, c;
        a.histograms = { one };
        b.histograms = { other, nativeSample(t0 + 1000, 1, { { 0, 1, 2, 1 } }) };
        c.histograms = { finer };
        const HistogramFrames frames = framesFromNativeHistograms({ a, b, c }, 1000);
        QCOMPARE(frames.columns.size(), 2);
        const HistogramColumn& first = frames.columns[0];
        QCOMPARE(first.kind, HistogramKind::Native);
        // (1,2] 2, (2,4] 3 + 1, (4,8] empty, (8,16] 3
        COMPARE_VALUES(first.bounds, (QList<double> { 1, 2, 4, 8, 16 }));
        COMPARE_VALUES(first.values, (QList<double> { 2, 4, 0, 3 }));
        QCOMPARE(first.count, 9.0);
        QCOMPARE(first.sum, 200.0);
        COMPARE_VALUES(frames.columns[1].values, (QList<double> { 1 }));
        QCOMPARE(frames.problems.size(), 1);
        QVERIFY2(frames.problems[0].contains(QStringLiteral("cannot be added")), qPrintable(frames.problems[0]));
    }

    void counterRate_data()
    {
        QTest::addColumn<QList<double>>("values"); // every 10 s from t0
        QTest::addColumn<qint64>("fromMs");
        QTest::addColumn<qint64>("toMs");
        QTest::addColumn<double>("expected"); // per second; NaN: no rate
        // Samples on both edges: 30 more in 30 s.
        QTest::addRow("edges sampled") << QList<double> { 10, 20, 30, 40 } << t0 << t0 + 30000 << 1.0;
        // Samples at 5, 15, 25 s of [0, 30 s]: 20 in 20 s, extrapolated by 5 s to each side: 30 in 30 s.
        QTest::addRow("extrapolated to the edges") << QList<double> { 10, 20, 30 } << t0 - 5000 << t0 + 25000 << 1.0;
        // 10 → 20 in the last 10 s of a 30 s range: 20 s before the first sample is beyond 1.1 intervals,
        // but the counter was 0 only 10 s before it: 10 · (10 + 10)/10 = 20 in 30 s.
        QTest::addRow("not extrapolated below zero")
            << QList<double> { 10, 20 } << t0 - 20000 << t0 + 10000 << 20.0 / 30;
        // 100, 110, then a restart: 5, 15. Increase 10 + 5 + 10 = 25 in 30 s.
        QTest::addRow("counter reset") << QList<double> { 100, 110, 5, 15 } << t0 << t0 + 30000 << 25.0 / 30;
        QTest::addRow("one sample") << QList<double> { 10, 20 } << t0 + 5000 << t0 + 12000 << notANumber;
        QTest::addRow("no sample") << QList<double> { 10, 20 } << t0 + 30000 << t0 + 60000 << notANumber;
    }

    void counterRate()
    {
        QFETCH(QList<double>, values);
        QFETCH(qint64, fromMs);
        QFETCH(qint64, toMs);
        QFETCH(double, expected);
        const std::optional<double> rate = perfdash::counterRate(counter(values), fromMs, toMs);
        QCOMPARE(rate.has_value(), !std::isnan(expected));
        if (rate)
            COMPARE_VALUE(*rate, expected);
    }

    void counterFramesRateEachBucket()
    {
        // Every 10 s for 2 minutes, le=0.5 grows by 1, le=1 by 3, +Inf by 4; +Inf restarts at 60 s.
        QList<double> half, one, inf;
        for (int i = 0; i <= 12; ++i) {
            half << 100 + i;
            one << 300 + 3 * i;
            inf << (i < 6 ? 400 + 4 * i : 4 * (i - 5)); // 420 at 50 s, then 4 at 60 s: 4 since the restart
        }
        const QList<BucketCounter> counters {
            { QStringLiteral("+Inf"), counter(inf) },
            { QStringLiteral("0.5"), counter(half) },
            { QStringLiteral("1"), counter(one) },
        };
        const HistogramFrames frames = framesFromBucketCounters(counters, { t0 + 30000, t0 + 120000, 30000, 0 });
        QVERIFY2(frames.problems.isEmpty(), qPrintable(frames.problems.join(u'\n')));
        QCOMPARE(frames.stepMs, 30000);
        QCOMPARE(frames.columns.size(), 4);
        for (const HistogramColumn& column : frames.columns) {
            // 0.1/s, 0.3/s, 0.4/s cumulative: 0.1, 0.2, 0.1 per bucket, the reset window included.
            COMPARE_VALUES(column.bounds, (QList<double> { 0, 0.5, 1, infinity }));
            COMPARE_VALUES(column.values, (QList<double> { 0.1, 0.2, 0.1 }));
        }
        QCOMPARE(frames.columns.first().timeMs, t0 + 30000);
        QCOMPARE(frames.columns.last().timeMs, t0 + 120000);
    }

    void counterFramesLeaveGapsWithoutSamples()
    {
        // Samples for the first minute and the fourth, none between: columns at 60 s and 240 s only.
        std::vector<LatestSample> samples = counter({ 0, 1, 2, 3, 4, 5, 6 });
        const std::vector<LatestSample> later = counter({ 18, 19, 20, 21, 22, 23, 24 }, t0 + 180000);
        samples.insert(samples.end(), later.begin(), later.end());
        const HistogramFrames frames
            = framesFromBucketCounters({ { QStringLiteral("1"), samples }, { QStringLiteral("+Inf"), samples } },
                { t0 + 60000, t0 + 240000, 60000, 0 });
        QCOMPARE(frames.columns.size(), 2);
        QCOMPARE(frames.columns[0].timeMs, t0 + 60000);
        QCOMPARE(frames.columns[1].timeMs, t0 + 240000);
        COMPARE_VALUES(frames.columns[1].values, (QList<double> { 0.1, 0 }));
        QCOMPARE(
            framesFromBucketCounters({ { QStringLiteral("+Inf"), samples } }, { t0, t0 + 1000, 0, 0 }).columns.size(),
            0);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
