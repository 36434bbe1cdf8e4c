#include "NiceAxis.h"

#include <QTest>

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

    void nonFiniteInputGivesADefaultRange()
    {
        const NiceAxis axis = niceAxis(std::nan(""), 3.0);
        QCOMPARE(axis.min, 0.0);
        QCOMPARE(axis.max, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestNiceAxis)
#include "tst_niceaxis.moc"
