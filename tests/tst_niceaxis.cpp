#include "HeadlessTestMain.h"
#include "NiceAxis.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace perfdash;

class TestNiceAxis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundRanges_data()
    {
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<int>("decimals");
        QTest::addRow("memory MB stays near the data") << 398.0 << 524.0 << 350.0 << 550.0 << 5 << 0;
        QTest::addRow("latency seconds") << 1.5 << 2.3 << 1.4 << 2.4 << 6 << 1;
        QTest::addRow("ratio percent from zero") << 0.0 << 87.0 << 0.0 << 100.0 << 6 << 0;
        QTest::addRow("quarter steps need two decimals") << 0.0 << 1.1 << 0.0 << 1.25 << 6 << 2;
        QTest::addRow("negative values") << -3.0 << 7.0 << -4.0 << 8.0 << 7 << 0;
        QTest::addRow("flat line gets a visible range") << 5.0 << 5.0 << 4.4 << 5.6 << 7 << 1;
    }

    void roundRanges()
    {
        QFETCH(double, low);
        QFETCH(double, high);
        const NiceAxis axis = niceAxis(low, high);
        QTEST(axis.min, "min");
        QTEST(axis.max, "max");
        QTEST(axis.tickCount, "ticks");
        QTEST(axis.decimals, "decimals");
        QVERIFY(axis.min <= low && axis.max >= high);
    }

    // A real Prometheus sent DBL_MAX: the axis must stay finite and its labels short.
    void extremesGiveAFiniteAxisWithShortLabels_data()
    {
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        const double largest = std::numeric_limits<double>::max();
        QTest::addRow("up to DBL_MAX") << 0.0 << largest;
        QTest::addRow("-DBL_MAX to DBL_MAX") << -largest << largest;
        QTest::addRow("flat at DBL_MAX") << largest << largest;
        QTest::addRow("denormals") << 0.0 << std::numeric_limits<double>::denorm_min() * 10;
    }

    void extremesGiveAFiniteAxisWithShortLabels()
    {
        QFETCH(double, low);
        QFETCH(double, high);
        const NiceAxis axis = niceAxis(low, high);
        QVERIFY(std::isfinite(axis.min) && std::isfinite(axis.max));
        QVERIFY(axis.min <= low && axis.max >= high);
        QVERIFY(axis.max > axis.min);
        QVERIFY(axis.tickCount >= 2 && axis.tickCount <= 7);
        QVERIFY(axis.scientific);
        QCOMPARE(axis.labelFormat(), QStringLiteral("%.3g"));
    }

    void plainRangesKeepDecimals()
    {
        QCOMPARE(niceAxis(1.5, 2.3).labelFormat(), QStringLiteral("%.1f"));
        QVERIFY(!niceAxis(0, 400000).scientific);
    }

    // A panel's value axis: room around the data, never below zero for data that is not, finite at the edges.
    void paddedAxes_data()
    {
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        const double largest = std::numeric_limits<double>::max();
        QTest::addRow("latency seconds") << 1.5 << 2.3;
        QTest::addRow("near zero stops at zero") << 0.1 << 10.0;
        QTest::addRow("negative data") << -3.0 << 7.0;
        QTest::addRow("up to DBL_MAX") << 0.0 << largest;
        QTest::addRow("-DBL_MAX to DBL_MAX") << -largest << largest;
    }

    void paddedAxes()
    {
        QFETCH(double, low);
        QFETCH(double, high);
        const NiceAxis axis = paddedNiceAxis(low, high);
        QVERIFY(std::isfinite(axis.min) && std::isfinite(axis.max));
        QVERIFY(axis.min <= low && axis.max >= high);
        QVERIFY(low < 0 || axis.min >= 0);
    }

    void paddingLeavesRoomAtBothEnds()
    {
        // 15 % of 0.8 s each side: 1.38..2.42, on quarter steps.
        const NiceAxis axis = paddedNiceAxis(1.5, 2.3);
        QCOMPARE(axis.min, 1.25);
        QCOMPARE(axis.max, 2.5);
        QCOMPARE(axis.tickCount, 6);
        QCOMPARE(paddedNiceAxis(0.1, 10.0).min, 0.0);
        QVERIFY(paddedNiceAxis(-3.0, 7.0).min < -3.0);
    }

    void nonFiniteInputGivesADefaultRange()
    {
        const NiceAxis axis = niceAxis(std::nan(""), 3.0);
        QCOMPARE(axis.min, 0.0);
        QCOMPARE(axis.max, 1.0);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestNiceAxis)
#include "tst_niceaxis.moc"
