#include "BruteForceM4.h"
#include "GeneratedSeries.h"
#include "HeadlessTestMain.h"
#include "TimeSeriesStore.h"

#include <QTest>
#include <cmath>
#include <optional>

using namespace perfdash;
using namespace perfdash::generated;

// M4 decimation: the store's columns against a brute-force M4, with gaps as gaps, and the edge cases.
class TestM4Builder : public QObject {
    Q_OBJECT

private slots:
    void decimateMatchesBruteForce_data()
    {
        QTest::addColumn<ValueKind>("valueKind");
        QTest::addColumn<TimeKind>("timeKind");
        QTest::addColumn<double>("fromFraction"); // of the data's time span; may lie outside [0, 1]
        QTest::addColumn<double>("toFraction");
        QTest::addColumn<int>("pixelColumns");

        const struct {
            const char* name;
            ValueKind kind;
        } values[] = { { "decimals", ValueKind::Decimals }, { "ties", ValueKind::CoarseDecimals },
            { "doubles", ValueKind::Smooth }, { "NaN and Inf", ValueKind::DecimalsWithNaN },
            { "random bits", ValueKind::RandomBits } };
        const struct {
            const char* name;
            TimeKind kind;
        } times[] = { { "regular", TimeKind::Regular }, { "jittered", TimeKind::Jittered } };
        const struct {
            const char* name;
            double from;
            double to;
            int columns;
        } views[] = {
            { "all, 1 column", -0.1, 1.1, 1 },
            { "all, 3 columns (chunks inside columns)", 0.0, 1.0, 3 },
            { "all, 7 columns", 0.0, 1.0, 7 },
            { "all, 300 columns (columns span chunks)", 0.0, 1.0, 300 },
            { "all, 40000 columns (more columns than samples)", 0.0, 1.0, 40000 },
            { "partial chunks at both ends", 0.123, 0.871, 50 },
            { "partial, 1 column", 0.3, 0.35, 1 },
            { "inside one chunk", 0.5, 0.501, 10 },
            { "before the data", -0.5, -0.1, 10 },
            { "after the data", 1.1, 1.5, 10 },
            { "open chunk only", 0.999, 1.0, 20 },
        };
        for (const auto& value : values) {
            for (const auto& time : times) {
                for (const auto& view : views) {
                    QTest::addRow("%s, %s, %s", value.name, time.name, view.name)
                        << value.kind << time.kind << view.from << view.to << view.columns;
                }
            }
        }
        QTest::addRow("huge gaps, 500 columns") << ValueKind::Decimals << TimeKind::HugeGaps << 0.0 << 1.0 << 500;
        QTest::addRow("huge gaps, random bits") << ValueKind::RandomBits << TimeKind::HugeGaps << 0.2 << 0.9 << 64;
    }

    void aNaNBreaksTheLineWhereItIs()
    {
        // 1, 2, NaN, 4, 5 at one sample per column: the line must stop at 2 and start again at 4, not run
        // from 2 to 4 across the missing value.
        TimeSeriesStore store(unlimited());
        SampleBatch batch;
        const double values[] = { 1, 2, std::nan(""), 4, 5 };
        for (int i = 0; i < 5; ++i)
            batch.push_back({ QStringLiteral("m"), {}, 1000 + i * 1000, values[i] });
        store.append(batch);
        const TimeSeriesStore::DecimatedSeries decimated = store.decimate(QStringLiteral("m"), 1000, 5999, 5);
        QCOMPARE(decimated.points.size(), 5);
        QCOMPARE(decimated.points[1], QPointF(2000, 2));
        QVERIFY(std::isnan(decimated.points[2].y()));
        QCOMPARE(decimated.points[2].x(), 3000.0);
        QCOMPARE(decimated.points[3], QPointF(4000, 4));
        QCOMPARE(decimated.nonFiniteCount, std::size_t(1));
    }

    void decimateMatchesBruteForce()
    {
        QFETCH(ValueKind, valueKind);
        QFETCH(TimeKind, timeKind);
        QFETCH(double, fromFraction);
        QFETCH(double, toFraction);
        QFETCH(int, pixelColumns);

        const SeriesData data = makeSeries(valueKind, timeKind, 23 * chunkSize + 321, 99);
        TimeSeriesStore store(unlimited());
        appendInPieces(store, "m", data, 5);

        const double first = double(data.timestamps.front());
        const double span = double(data.timestamps.back()) - first;
        const qint64 from = qint64(first + fromFraction * span);
        const qint64 to = qint64(first + toFraction * span);

        const TimeSeriesStore::DecimatedSeries actual = store.decimate("m", from, to, pixelColumns);
        const TimeSeriesStore::DecimatedSeries expected = bruteForceM4(data, from, to, pixelColumns);
        QString mismatch;
        QVERIFY2(samePoints(actual.points, expected.points, mismatch), qPrintable(mismatch));
        QCOMPARE(actual.nonFiniteCount, expected.nonFiniteCount);
        QVERIFY(actual.points.size() <= 6 * qsizetype(pixelColumns)); // 4 corners and 2 gaps
        if (!expected.points.isEmpty()) {
            QCOMPARE(bitsOf(actual.minValue), bitsOf(expected.minValue));
            QCOMPARE(bitsOf(actual.maxValue), bitsOf(expected.maxValue));
        }

        // The other range queries over the same range.
        std::optional<double> expectedMax;
        std::vector<LatestSample> expectedSamples;
        for (std::size_t i = 0; i < data.timestamps.size(); ++i) {
            if (data.timestamps[i] < from || data.timestamps[i] > to)
                continue;
            expectedSamples.push_back({ data.timestamps[i], data.values[i] });
            if (std::isfinite(data.values[i]) && (!expectedMax || data.values[i] > *expectedMax))
                expectedMax = data.values[i];
        }
        const std::optional<double> actualMax = store.maxInRange("m", from, to);
        QCOMPARE(actualMax.has_value(), expectedMax.has_value());
        if (expectedMax)
            QCOMPARE(bitsOf(*actualMax), bitsOf(*expectedMax));
        const std::vector<LatestSample> actualSamples = store.samples("m", from, to);
        QCOMPARE(actualSamples.size(), expectedSamples.size());
        for (std::size_t i = 0; i < expectedSamples.size(); ++i) {
            QCOMPARE(actualSamples[i].timestampMs, expectedSamples[i].timestampMs);
            QCOMPARE(bitsOf(actualSamples[i].value), bitsOf(expectedSamples[i].value));
        }
    }

    void decimateEdgeCases()
    {
        TimeSeriesStore store(unlimited());
        const SeriesData data = makeSeries(ValueKind::Decimals, TimeKind::Regular, 3 * chunkSize, 1);
        store.append(toBatch("m", {}, data));
        QVERIFY(store.decimate("missing", minTimestamp, maxTimestamp, 100).points.isEmpty());
        QVERIFY(store.decimate("m", 10, 5, 100).points.isEmpty()); // reversed range
        QVERIFY(store.decimate("m", minTimestamp, maxTimestamp, 0).points.isEmpty());
        QVERIFY(!store.maxInRange("m", 10, 5));
        QVERIFY(store.samples("m", 10, 5).empty());

        // The whole qint64 range in one column: first, min, max, last of everything.
        const TimeSeriesStore::DecimatedSeries all = store.decimate("m", minTimestamp, maxTimestamp, 1);
        const TimeSeriesStore::DecimatedSeries expected = bruteForceM4(data, minTimestamp, maxTimestamp, 1);
        QString mismatch;
        QVERIFY2(samePoints(all.points, expected.points, mismatch), qPrintable(mismatch));
        QVERIFY(all.points.size() >= 2 && all.points.size() <= 4);

        // A single sample exactly at the range's ends.
        const qint64 t = data.timestamps[1500];
        const TimeSeriesStore::DecimatedSeries single = store.decimate("m", t, t, 5);
        QCOMPARE(single.points.size(), 1);
        QCOMPARE(single.points.front().x(), double(t));
        QCOMPARE(single.minValue, data.values[1500]);
        QCOMPARE(single.maxValue, data.values[1500]);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestM4Builder)
#include "tst_m4builder.moc"
