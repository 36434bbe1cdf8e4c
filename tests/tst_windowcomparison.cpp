#include "BlockMeans.h"
#include "BoxFigures.h"
#include "HeadlessTestMain.h"
#include "HolmCorrection.h"
#include "MannWhitney.h"
#include "WindowComparison.h"
#include "WindowComparisonJson.h"

#include <QJsonArray>
#include <QTest>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

using namespace perfdash;

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Gaussian noise from a fixed seed. mt19937_64's output is the same everywhere; the standard
// distributions are not, so uniform and normal values are made here (Box–Muller).
class Noise {
public:
    explicit Noise(quint64 seed)
        : m_engine(seed)
    {
    }
    double uniform() { return (double(m_engine() >> 11) + 0.5) * 0x1.0p-53; }
    double normal() { return std::sqrt(-2 * std::log(uniform())) * std::cos(2 * std::numbers::pi * uniform()); }
    // A stationary AR(1) series with unit innovations: x(t) = φ·x(t−1) + e(t); marginal sd 1/√(1 − φ²).
    QList<double> ar1(int count, double phi)
    {
        QList<double> values;
        double x = normal() / std::sqrt(1 - phi * phi);
        for (int i = 0; i < count; ++i) {
            values << x;
            x = phi * x + normal();
        }
        return values;
    }
    QList<double> independent(int count) { return ar1(count, 0); }

private:
    std::mt19937_64 m_engine;
};

QList<double> shifted(QList<double> values, double by)
{
    for (double& value : values)
        value += by;
    return values;
}

// Independent noise whose median is exactly `level`: goal checks at exactly 20 % need exact medians.
QList<double> noiseWithMedian(double level, int count, double sd, quint64 seed)
{
    QList<double> values = Noise(seed).independent(count);
    QList<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[count / 2];
    for (double& value : values)
        value = level + (value - median) * sd;
    return values;
}

const TargetSpec latencyTarget { 2.0, 1.6, Direction::LowerIsBetter };
const TargetSpec hitRatioTarget { 0.6, 0.8, Direction::HigherIsBetter };
}

class TestWindowComparison : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detectsShift_data()
    {
        QTest::addColumn<double>("phi");
        QTest::addColumn<int>("perSide");
        QTest::addColumn<double>("shiftInSd"); // in marginal standard deviations
        QTest::addColumn<bool>("higherIsBetter");
        QTest::addColumn<bool>("improved");

        for (const auto& [phi, perSide, shift] : { std::tuple { 0.0, 200, 1.0 }, std::tuple { 0.9, 600, 3.0 } }) {
            const QByteArray noise = phi == 0 ? "independent" : "AR(1) 0.9";
            QTest::addRow("%s, lower is better, down: improved", noise.data())
                << phi << perSide << -shift << false << true;
            QTest::addRow("%s, lower is better, up: worse", noise.data()) << phi << perSide << shift << false << false;
            QTest::addRow("%s, higher is better, up: improved", noise.data())
                << phi << perSide << shift << true << true;
            QTest::addRow("%s, higher is better, down: worse", noise.data())
                << phi << perSide << -shift << true << false;
        }
    }

    void detectsShift()
    {
        QFETCH(double, phi);
        QFETCH(int, perSide);
        QFETCH(double, shiftInSd);
        QFETCH(bool, higherIsBetter);
        QFETCH(bool, improved);

        // One continuous series split in two, as a real metric around a deploy.
        const QList<double> series = Noise(42).ar1(2 * perSide, phi);
        const double marginalSd = 1 / std::sqrt(1 - phi * phi);
        const QList<double> before = shifted(series.mid(0, perSide), 50);
        const QList<double> after = shifted(series.mid(perSide), 50 + shiftInSd * marginalSd);
        const TargetSpec target = higherIsBetter ? hitRatioTarget : latencyTarget;

        const SeriesWindowComparison row = WindowComparison::compareSeries("s", before, after, target);
        QVERIFY2(row.hasVerdict, qPrintable(row.verdict));
        QVERIFY2(row.significant, qPrintable(QStringLiteral("p %1, %2").arg(row.pValue).arg(row.method)));
        QCOMPARE(row.improved, improved);
        QCOMPARE(row.regressed, !improved);
        QCOMPARE(
            row.verdict, improved ? QStringLiteral("improved, significant") : QStringLiteral("worse, significant"));
        QCOMPARE(row.changeInBetterDirection, improved);
        if (phi == 0) {
            QCOMPARE(row.blockLength, 1); // independent data keeps every point
            QCOMPARE(row.beforeEffective, perSide);
            QVERIFY(row.method.startsWith(QStringLiteral("Mann–Whitney on the raw points")));
        } else {
            QVERIFY2(row.lag1Autocorrelation > 0.85 && row.lag1Autocorrelation < 0.95,
                qPrintable(QString::number(row.lag1Autocorrelation)));
            QVERIFY2(row.blockLength >= 20 && row.blockLength <= 40, qPrintable(row.method));
            QCOMPARE(row.beforeEffective, perSide / row.blockLength);
            QVERIFY(row.method.startsWith(
                QStringLiteral("Mann–Whitney on non-overlapping block means, block %1 samples").arg(row.blockLength)));
        }
    }

    // The reason for the block method: on autocorrelated noise with no change at all, a test over the
    // raw points "finds" a change most of the time; over block means it keeps its promised rate.
    void keepsFalsePositiveRateOnAutocorrelatedNoise()
    {
        constexpr int trials = 500;
        constexpr int perSide = 600;
        Noise noise(20261202);
        int blockRejections = 0;
        int rawRejections = 0;
        int verdicts = 0;
        for (int trial = 0; trial < trials; ++trial) {
            const QList<double> series = noise.ar1(2 * perSide, 0.9);
            const QList<double> before = series.mid(0, perSide);
            const QList<double> after = series.mid(perSide);
            const SeriesWindowComparison row = WindowComparison::compareSeries("s", before, after, latencyTarget);
            verdicts += row.hasVerdict ? 1 : 0;
            blockRejections += row.significant ? 1 : 0;
            rawRejections += MannWhitney::test(after, before).pValue <= 0.05 ? 1 : 0;
        }
        const double blockRate = double(blockRejections) / trials;
        const double rawRate = double(rawRejections) / trials;
        const QByteArray rates = QStringLiteral("block means %1, raw points %2").arg(blockRate).arg(rawRate).toUtf8();
        qInfo("rejections of no change, AR(1) 0.9: %s", rates.data());
        QCOMPARE(verdicts, trials); // the rate is not kept by refusing to answer
        QVERIFY2(blockRate >= 0.01 && blockRate <= 0.09, rates.data());
        QVERIFY2(rawRate > 0.3, rates.data()); // the documented contrast: raw Mann–Whitney is far too eager
    }

    void keepsFalsePositiveRateOnIndependentNoise()
    {
        constexpr int trials = 500;
        Noise noise(7);
        int rejections = 0;
        for (int trial = 0; trial < trials; ++trial) {
            const SeriesWindowComparison row
                = WindowComparison::compareSeries("s", noise.independent(200), noise.independent(200), hitRatioTarget);
            rejections += row.significant ? 1 : 0;
        }
        const double rate = double(rejections) / trials;
        qInfo("rejections of no change, independent noise: %g", rate);
        QVERIFY2(rate >= 0.02 && rate <= 0.08, qPrintable(QString::number(rate)));
    }

    void tooFewEffectiveSamplesGiveNoVerdict()
    {
        // Alternating values: no positive autocorrelation, so every point is a block of its own.
        const QList<double> before { 5, 1, 6, 2, 7, 3 };
        QList<double> after;
        for (int i = 0; i < 14; ++i)
            after << 100.0 + (i % 2 == 0 ? i : -i); // far above before: still no verdict
        const SeriesWindowComparison row = WindowComparison::compareSeries("s", before, after, latencyTarget);
        QCOMPARE(row.blockLength, 1);
        QVERIFY(!row.hasVerdict);
        QVERIFY(!row.significant);
        QVERIFY(!row.improved && !row.regressed && !row.reachesGoal);
        QCOMPARE(row.verdict, QStringLiteral("too few independent samples (6 before, 14 after): no verdict"));
        QVERIFY(row.changeInBetterDirection == false); // the medians are still reported
        QCOMPARE(row.before.median, 4.0);

        // Many points, few independent ones: 100 samples of AR(1) 0.9 are a handful of blocks.
        const QList<double> series = Noise(3).ar1(200, 0.9);
        const SeriesWindowComparison correlated
            = WindowComparison::compareSeries("s", series.mid(0, 100), shifted(series.mid(100), -20), latencyTarget);
        QVERIFY(!correlated.hasVerdict);
        QVERIFY(!correlated.significant);
        QVERIFY2(correlated.verdict.startsWith(QStringLiteral("too few independent samples (")),
            qPrintable(correlated.verdict));
        QVERIFY(correlated.beforeEffective < WindowComparison::minimumEffectiveSamples);
    }

    void nonFiniteValuesAreCountedAndLeftOut()
    {
        QList<double> before = Noise(11).independent(200);
        QList<double> after = shifted(Noise(12).independent(200), -2);
        before.insert(10, notANumber);
        before.insert(50, infinity);
        before.insert(90, -infinity);
        before[120] = -1e308; // finite but absurd: kept, and must not turn results into NaN
        after.insert(5, notANumber);
        after[30] = 1e308;
        const SeriesWindowComparison row = WindowComparison::compareSeries("s", before, after, latencyTarget);
        QCOMPARE(row.beforeNonFinite, 3);
        QCOMPARE(row.afterNonFinite, 1);
        QCOMPARE(row.beforeCount, 200);
        QCOMPARE(row.afterCount, 200);
        QCOMPARE(row.before.min, -1e308);
        QCOMPARE(row.after.max, 1e308);
        for (double value : { row.before.q1, row.before.median, row.before.q3, row.after.q1, row.after.median,
                 row.after.q3, row.relativeChange, row.lag1Autocorrelation, row.pValue })
            QVERIFY(std::isfinite(value));
        QVERIFY(row.hasVerdict);
        QVERIFY(row.improved);

        // Medians between the extremes: the interpolation and the relative change must not overflow.
        const SeriesWindowComparison extremes
            = WindowComparison::compareSeries("s", { -1e308, 1e308 }, { 1e308, 1e308, -1e308 }, latencyTarget);
        QCOMPARE(extremes.before.median, 0.0);
        QCOMPARE(extremes.before.q1, -5e307);
        QVERIFY(std::isnan(extremes.relativeChange)); // before median 0
        const SeriesWindowComparison doubling
            = WindowComparison::compareSeries("s", { -1e308 }, { 1e308 }, latencyTarget);
        QCOMPARE(doubling.relativeChange, 2.0); // (1e308 − (−1e308)) / 1e308, without forming the difference
    }

    void holmDecidesTheFamily()
    {
        // Uncorrected all five pass 0.05. Holm: 0.01 ≤ 0.05/5 passes, then 0.04 > 0.05/4 stops.
        // (Hochberg's step-up would pass all five: this tells the two apart.)
        const std::vector<double> p { 0.04, 0.01, 0.04, 0.04, 0.04 };
        const std::vector<double> adjusted = HolmCorrection::adjust(p);
        QCOMPARE(adjusted, (std::vector<double> { 0.16, 0.05, 0.16, 0.16, 0.16 }));
        QCOMPARE(HolmCorrection::significant(p, 0.05), (std::vector<bool> { false, true, false, false, false }));
        // Adjusted p-values never fall below an earlier one.
        QCOMPARE(HolmCorrection::adjust({ 0.03, 0.02, 0.5 }), (std::vector<double> { 0.06, 0.06, 0.5 }));

        // The same family across panels, with a series that has no verdict: it does not count in m.
        auto row = [](double pValue, bool afterHigher, bool hasVerdict = true) {
            SeriesWindowComparison result;
            result.pValue = pValue;
            result.afterTendsHigher = afterHigher;
            result.hasVerdict = hasVerdict;
            result.relativeChange = afterHigher ? 0.3 : -0.3;
            if (!hasVerdict)
                result.verdict = QStringLiteral("too few independent samples (3 before, 3 after): no verdict");
            return result;
        };
        QList<PanelWindowComparison> panels {
            { "latency", latencyTarget, { row(0.01, false), row(0.04, false), row(0.001, true, false) } },
            { "hit ratio", hitRatioTarget, { row(0.04, true), row(0.04, false), row(0.04, true) } },
        };
        WindowComparison::applyHolm(panels, {});
        QCOMPARE(panels[0].series[0].adjustedPValue, 0.05);
        QVERIFY(panels[0].series[0].significant && panels[0].series[0].improved);
        QCOMPARE(panels[0].series[0].verdict, QStringLiteral("improved, significant"));
        QVERIFY(panels[0].series[0].reachesGoal); // 30 % lower, significant
        QCOMPARE(panels[0].series[1].verdict, QStringLiteral("no detectable change"));
        QVERIFY(!panels[0].series[2].significant); // p 0.001 but no verdict: never significant
        QVERIFY(panels[0].series[2].verdict.startsWith(QStringLiteral("too few")));
        for (const SeriesWindowComparison& other : panels[1].series) {
            QCOMPARE(other.adjustedPValue, 0.16);
            QVERIFY(!other.significant && !other.improved && !other.regressed);
        }

        // A lone regression is "worse".
        QList<PanelWindowComparison> single { { "hit ratio", hitRatioTarget, { row(0.001, false) } } };
        WindowComparison::applyHolm(single, {});
        QVERIFY(single[0].series[0].regressed);
        QCOMPARE(single[0].series[0].verdict, QStringLiteral("worse, significant"));
    }

    void goalAndTarget_data()
    {
        QTest::addColumn<bool>("higherIsBetter");
        QTest::addColumn<double>("beforeLevel");
        QTest::addColumn<double>("afterLevel");
        QTest::addColumn<bool>("improved");
        QTest::addColumn<bool>("meetsTarget");
        QTest::addColumn<bool>("reachesGoal");

        // Lower is better: baseline 2, target < 1.6.
        QTest::addRow("lower: 2 → 1.5 meets target, 25 %% reaches goal") << false << 2.0 << 1.5 << true << true << true;
        QTest::addRow("lower: 2 → 1.7 better, target missed, 15 %% short of goal")
            << false << 2.0 << 1.7 << true << false << false;
        QTest::addRow("lower: 1 → 0.8 is exactly the 20 %% goal") << false << 1.0 << 0.8 << true << true << true;
        QTest::addRow("lower: 1.5 → 1.3 stays under target, 13 %%") << false << 1.5 << 1.3 << true << true << false;
        QTest::addRow("lower: 1.2 → 1.5 worse, still under target") << false << 1.2 << 1.5 << false << true << false;
        QTest::addRow("lower: 2 → 2.5 worse") << false << 2.0 << 2.5 << false << false << false;
        // Higher is better: baseline 0.6, target > 0.8.
        QTest::addRow("higher: 0.6 → 0.85 meets target, 42 %%") << true << 0.6 << 0.85 << true << true << true;
        QTest::addRow("higher: 0.6 → 0.7 better, 17 %%") << true << 0.6 << 0.7 << true << false << false;
        QTest::addRow("higher: 0.5 → 0.6 is exactly 20 %%") << true << 0.5 << 0.6 << true << false << true;
        QTest::addRow("higher: 0.9 → 0.6 worse") << true << 0.9 << 0.6 << false << false << false;
    }

    void goalAndTarget()
    {
        QFETCH(bool, higherIsBetter);
        QFETCH(double, beforeLevel);
        QFETCH(double, afterLevel);
        QFETCH(bool, improved);
        QFETCH(bool, meetsTarget);
        QFETCH(bool, reachesGoal);

        const QList<double> before = noiseWithMedian(beforeLevel, 201, 0.01, 5);
        const QList<double> after = noiseWithMedian(afterLevel, 201, 0.01, 6);
        const SeriesWindowComparison row
            = WindowComparison::compareSeries("s", before, after, higherIsBetter ? hitRatioTarget : latencyTarget);
        QCOMPARE(row.before.median, beforeLevel);
        QCOMPARE(row.after.median, afterLevel);
        QVERIFY(row.significant);
        QCOMPARE(row.improved, improved);
        QCOMPARE(row.changeInBetterDirection, improved);
        QCOMPARE(row.meetsTarget, meetsTarget);
        QCOMPARE(row.reachesGoal, reachesGoal);
    }

    void blockLengthFollowsAutocorrelation()
    {
        QCOMPARE(BlockMeans::blockLength(0.0, 600), 1);
        QCOMPARE(BlockMeans::blockLength(-0.3, 600), 1);
        QCOMPARE(BlockMeans::blockLength(0.19, 600), 1); // raw points up to ρ 0.2: factor (1 + ρ)/(1 − ρ) ≤ 1.5
        QCOMPARE(BlockMeans::blockLength(0.21, 600), 2);
        QCOMPARE(BlockMeans::blockLength(0.9, 600), 27);
        QCOMPARE(BlockMeans::blockLength(0.999, 600), 600); // a trend: no independent blocks
        QCOMPARE(BlockMeans::varianceFactor(0.0, 1), 1.0);
        QVERIFY(std::abs(BlockMeans::varianceFactor(0.9, 1) - 19) < 1e-9); // (1 + ρ)/(1 − ρ)
        QVERIFY(BlockMeans::varianceFactor(0.9, 27) <= BlockMeans::maxVarianceFactor);
        QVERIFY(BlockMeans::varianceFactor(0.9, 26) > BlockMeans::maxVarianceFactor);
        QCOMPARE(BlockMeans::of({ 1, 3, 5, 7, 9 }, 2), (QList<double> { 2, 6 })); // the partial block is dropped
        QCOMPARE(BlockMeans::of({ 1e308, 1e308 }, 2), (QList<double> { 1e308 }));
        QCOMPARE(BlockMeans::pooledLag1Autocorrelation({ { 1, 1, 1 } }), 0.0); // nothing varies
        // A step between the windows is not persistence: each window is centred on its own.
        const QList<double> noise = Noise(9).independent(400);
        const double alone = BlockMeans::pooledLag1Autocorrelation({ noise.mid(0, 200), noise.mid(200) });
        const double stepped
            = BlockMeans::pooledLag1Autocorrelation({ noise.mid(0, 200), shifted(noise.mid(200), 1000) });
        QCOMPARE(stepped, alone);
        // Taken as one window, the same step would look like strong persistence.
        QVERIFY(BlockMeans::pooledLag1Autocorrelation({ noise.mid(0, 200) + shifted(noise.mid(200), 1000) }) > 0.5);
    }

    void valuesInTakesTheHalfOpenWindowInTimeOrder()
    {
        const QList<TimedValue> points { { 3000, 3 }, { 1000, 1 }, { 2000, 2 }, { 4000, 4 }, { 999, 0 } };
        QCOMPARE(WindowComparison::valuesIn(points, { 1000, 4000 }), (QList<double> { 1, 2, 3 }));
    }

    void writesJsonAndText()
    {
        const QList<double> series = Noise(21).independent(400);
        QList<double> before = shifted(series.mid(0, 200), 2);
        before << notANumber;
        const PanelWindowValues panel { "API response time p95", latencyTarget,
            { { "endpoint=/chat", before, shifted(series.mid(200), 1.4) },
                { "endpoint=/rare", { 2, 2.1 }, { 1.5 } } } };
        const TimeWindow beforeWindow { 1'796'194'800'000, 1'796'198'400'000 }; // 2026-12-02 07:00–08:00 Z
        const TimeWindow afterWindow { 1'796'198'400'000, 1'796'202'000'000 };
        const WindowComparison comparison = WindowComparison::compare({ panel }, beforeWindow, afterWindow);

        const QJsonObject json = WindowComparisonJson::write(comparison);
        QCOMPARE(json.value("alpha").toDouble(), 0.05);
        QCOMPARE(json.value("goal").toDouble(), 0.2);
        QVERIFY(json.value("method").toString().contains("block means"));
        const QJsonObject beforeJson = json.value("before").toObject();
        QCOMPARE(beforeJson.value("fromUtc").toString(), QStringLiteral("2026-12-02T07:00:00.000Z"));
        QCOMPARE(beforeJson.value("toMs").toInteger(), 1'796'198'400'000);
        const QJsonObject panelJson = json.value("panels").toArray().at(0).toObject();
        QCOMPARE(panelJson.value("title").toString(), QStringLiteral("API response time p95"));
        QCOMPARE(panelJson.value("target").toObject().value("direction").toString(), QStringLiteral("lower-is-better"));
        const QJsonObject chat = panelJson.value("series").toArray().at(0).toObject();
        QCOMPARE(chat.value("series").toString(), QStringLiteral("endpoint=/chat"));
        QCOMPARE(chat.value("count").toObject().value("before").toInt(), 200);
        QCOMPARE(chat.value("nonFinite").toObject().value("before").toInt(), 1);
        QCOMPARE(chat.value("effectiveCount").toObject().value("after").toInt(), 200);
        QCOMPARE(chat.value("blockLength").toInt(), 1);
        QCOMPARE(chat.value("verdict").toString(), QStringLiteral("improved, significant"));
        QCOMPARE(chat.value("significant").toBool(), true);
        QCOMPARE(chat.value("meetsTarget").toBool(), true);
        QCOMPARE(chat.value("reachesGoal").toBool(), true);
        QVERIFY(chat.value("adjustedPValue").toDouble() < 0.05);
        QVERIFY(chat.value("relativeChangePercent").toDouble() < -20);
        for (const char* key : { "min", "q1", "median", "q3", "max" })
            QVERIFY2(chat.value("box").toObject().value("after").toObject().value(key).isDouble(), key);
        const QJsonObject rare = panelJson.value("series").toArray().at(1).toObject();
        QCOMPARE(rare.value("hasVerdict").toBool(), false);
        QVERIFY(rare.value("pValue").isNull());
        QCOMPARE(rare.value("verdict").toString(),
            QStringLiteral("too few independent samples (2 before, 1 after): no verdict"));

        const QString text = comparison.toText();
        QVERIFY2(text.contains("API response time p95 (< 1.6)"), qPrintable(text));
        QVERIFY2(text.contains("improved, significant"), qPrintable(text));
        QVERIFY2(text.contains("no verdict"), qPrintable(text));
        QVERIFY2(
            text.contains("note: endpoint=/chat: 1 non-finite values left out (1 before, 0 after)"), qPrintable(text));
        QVERIFY2(text.contains("Holm's correction over 1 series"), qPrintable(text));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestWindowComparison)
#include "tst_windowcomparison.moc"
