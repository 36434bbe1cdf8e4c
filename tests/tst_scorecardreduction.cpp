#include "ScorecardReduction.h"
#include "TimeSeriesStore.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace perfdash;

namespace {
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
constexpr double infinite = std::numeric_limits<double>::infinity();

// Values one second apart from t = 1000 ms.
QList<QPointF> pointsOf(const QList<double>& values)
{
    QList<QPointF> points;
    for (qsizetype i = 0; i < values.size(); ++i)
        points << QPointF(1000.0 * double(i + 1), values[i]);
    return points;
}

bool sameValue(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
}

class TestScorecardReduction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reduceLine_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<bool>("peak");
        QTest::addColumn<double>("scale");
        QTest::addColumn<double>("expected");
        QTest::addRow("latest is the last point") << QList<double> { 3, 9, 4 } << false << 1.0 << 4.0;
        QTest::addRow("latest skips a trailing NaN") << QList<double> { 3, 9, missing } << false << 1.0 << 9.0;
        QTest::addRow("latest skips a trailing Inf") << QList<double> { 3, 5, infinite } << false << 1.0 << 5.0;
        QTest::addRow("peak is the highest") << QList<double> { 3, 9, 4 } << true << 1.0 << 9.0;
        QTest::addRow("peak in display units") << QList<double> { 0.5, 2 } << true << 1000.0 << 2000.0;
        QTest::addRow("negative scale: peak after scaling") << QList<double> { 1, 3 } << true << -1.0 << -1.0;
        QTest::addRow("no finite point") << QList<double> { missing, -infinite } << false << 1.0 << missing;
        QTest::addRow("no point") << QList<double> {} << true << 1.0 << missing;
    }

    void reduceLine()
    {
        QFETCH(QList<double>, values);
        QFETCH(bool, peak);
        QFETCH(double, scale);
        QFETCH(double, expected);
        const double value = perfdash::reduceLine(
            pointsOf(values), peak ? ScorecardReduce::WindowPeak : ScorecardReduce::WorstLatest, scale);
        QVERIFY2(sameValue(value, expected), qPrintable(QString::number(value)));
    }

    void worstLatestValue_data()
    {
        QTest::addColumn<QList<double>>("instants"); // one instant value per series
        QTest::addColumn<bool>("higherIsBetter");
        QTest::addColumn<double>("expected");
        QTest::addRow("lower is better: the highest") << QList<double> { 1.2, 3.5, 0.7 } << false << 3.5;
        QTest::addRow("higher is better: the lowest") << QList<double> { 1.2, 3.5, 0.7 } << true << 0.7;
        QTest::addRow("NaN loses to any value") << QList<double> { missing, 2.0 } << false << 2.0;
        QTest::addRow("only NaN") << QList<double> { missing } << true << missing;
        QTest::addRow("no series") << QList<double> {} << false << missing;
    }

    void worstLatestValue()
    {
        QFETCH(QList<double>, instants);
        QFETCH(bool, higherIsBetter);
        QFETCH(double, expected);
        QList<QuerySeries> series;
        for (const double value : instants)
            series.append({ {}, { QPointF(5000, value) }, {} });
        const double worst
            = perfdash::worstLatestValue(series, higherIsBetter ? Direction::HigherIsBetter : Direction::LowerIsBetter);
        QVERIFY2(sameValue(worst, expected), qPrintable(QString::number(worst)));
    }

    void newestFinitePointPrefersTheWorseAtEqualTimes_data()
    {
        QTest::addColumn<bool>("higherIsBetter");
        QTest::addColumn<double>("expected");
        QTest::addRow("lower is better") << false << 8000.0;
        QTest::addRow("higher is better") << true << 2000.0;
    }

    void newestFinitePointPrefersTheWorseAtEqualTimes()
    {
        QFETCH(bool, higherIsBetter);
        QFETCH(double, expected);
        // Both lines end at t = 2000 ms; a NaN newer than that is no point to name.
        const QList<PanelLine> lines { { QStringLiteral("a"), pointsOf({ 1, 2, missing }) },
            { QStringLiteral("b"), pointsOf({ 5, 8 }) } };
        const auto newest
            = newestFinitePoint(lines, 1000.0, higherIsBetter ? Direction::HigherIsBetter : Direction::LowerIsBetter);
        QVERIFY(newest);
        QCOMPARE(newest->x(), 2000.0);
        QCOMPARE(newest->y(), expected);
        QVERIFY(!newestFinitePoint({ { QStringLiteral("a"), pointsOf({ missing }) } }, 1.0, Direction::LowerIsBetter));
    }

    void nonFiniteCountsNaNAndInf()
    {
        const QList<PanelLine> lines { { QStringLiteral("a"), pointsOf({ 1, missing, infinite }) },
            { QStringLiteral("b"), pointsOf({ -infinite, 2 }) } };
        QCOMPARE(nonFiniteCount(lines), qsizetype(3));
        QCOMPARE(nonFiniteCount({}), qsizetype(0));
    }

    void reduceQueryLinesKeepsLineOrder()
    {
        PanelSpec spec;
        spec.reduce = ScorecardReduce::WindowPeak;
        const QList<ReducedSeries> reduced = reduceQueryLines(
            { { QStringLiteral("z"), pointsOf({ 1, 4, 2 }) }, { QStringLiteral("a"), pointsOf({ missing }) } }, spec);
        QCOMPARE(reduced.size(), qsizetype(2));
        QCOMPARE(reduced[0].key, QStringLiteral("z"));
        QCOMPARE(reduced[0].value, 4.0);
        QVERIFY(std::isnan(reduced[1].value));
    }

    void reduceStoreSeries_data()
    {
        QTest::addColumn<bool>("peak");
        QTest::addColumn<qint64>("fromMs");
        QTest::addColumn<double>("expected");
        QTest::addRow("latest in the range") << false << qint64(1000) << 300.0;
        QTest::addRow("latest before the range: no value") << false << qint64(4000) << missing;
        QTest::addRow("peak in the range") << true << qint64(1000) << 900.0;
        QTest::addRow("peak of the range's end") << true << qint64(2500) << 300.0;
    }

    void reduceStoreSeries()
    {
        QFETCH(bool, peak);
        QFETCH(qint64, fromMs);
        QFETCH(double, expected);
        TimeSeriesStore store;
        store.append({ { QStringLiteral("m"), {}, 1000, 0.1 }, { QStringLiteral("m"), {}, 2000, 0.9 },
            { QStringLiteral("m"), {}, 3000, 0.3 } });
        PanelSpec spec;
        spec.metric = QStringLiteral("m");
        spec.displayScale = 1000.0;
        spec.reduce = peak ? ScorecardReduce::WindowPeak : ScorecardReduce::WorstLatest;
        const QList<ReducedSeries> reduced = perfdash::reduceStoreSeries(store, spec, fromMs, 3000);
        QCOMPARE(reduced.size(), qsizetype(1));
        QCOMPARE(reduced[0].key, QStringLiteral("m"));
        QVERIFY2(sameValue(reduced[0].value, expected), qPrintable(QString::number(reduced[0].value)));
    }
};

QTEST_GUILESS_MAIN(TestScorecardReduction)
#include "tst_scorecardreduction.moc"
