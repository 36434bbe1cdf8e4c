#include "HeadlessTestMain.h"
#include "Target.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace perfdash;

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();
}

class TestTarget : public QObject {
    Q_OBJECT

private slots:
    void evaluateTarget_data()
    {
        QTest::addColumn<double>("baseline");
        QTest::addColumn<double>("target");
        QTest::addColumn<bool>("lowerIsBetter");
        QTest::addColumn<double>("current");
        QTest::addColumn<bool>("met");
        QTest::addColumn<double>("change"); // NaN: expect NaN
        QTest::addColumn<bool>("improved");

        // API p95: baseline 2 s, target < 1.6 s.
        QTest::addRow("lower: well below target") << 2.0 << 1.6 << true << 1.0 << true << -50.0 << true;
        QTest::addRow("lower: between target and baseline") << 2.0 << 1.6 << true << 1.8 << false << -10.0 << true;
        QTest::addRow("lower: exactly at target is not met") << 2.0 << 1.6 << true << 1.6 << false << -20.0 << true;
        QTest::addRow("lower: worse than baseline") << 2.0 << 1.6 << true << 2.5 << false << 25.0 << false;
        QTest::addRow("lower: at baseline") << 2.0 << 1.6 << true << 2.0 << false << 0.0 << false;
        // Cache hit ratio: baseline 60 %, target > 80 %.
        QTest::addRow("higher: above target") << 60.0 << 80.0 << false << 90.0 << true << 50.0 << true;
        QTest::addRow("higher: exactly at target is not met")
            << 60.0 << 80.0 << false << 80.0 << false << (80.0 - 60.0) / 60.0 * 100.0 << true;
        QTest::addRow("higher: below baseline") << 60.0 << 80.0 << false << 30.0 << false << -50.0 << false;
        QTest::addRow("NaN is never met") << 2.0 << 1.6 << true << notANumber << false << notANumber << false;
        QTest::addRow("NaN is never met (higher)")
            << 60.0 << 80.0 << false << notANumber << false << notANumber << false;
        QTest::addRow("zero baseline: no change percent") << 0.0 << 1.0 << true << 0.5 << true << notANumber << false;
        QTest::addRow("+Inf: lower not met") << 2.0 << 1.6 << true << infinity << false << notANumber << false;
        QTest::addRow("+Inf: higher met") << 60.0 << 80.0 << false << infinity << true << notANumber << true;
        QTest::addRow("-Inf: lower met") << 2.0 << 1.6 << true << -infinity << true << notANumber << true;
        QTest::addRow("negative baseline uses its magnitude")
            << -10.0 << -20.0 << true << -15.0 << false << -50.0 << true;
    }

    void evaluateTarget()
    {
        QFETCH(double, baseline);
        QFETCH(double, target);
        QFETCH(bool, lowerIsBetter);
        QFETCH(double, current);
        QFETCH(bool, met);
        QFETCH(double, change);
        QFETCH(bool, improved);

        const TargetSpec spec { baseline, target,
            lowerIsBetter ? Direction::LowerIsBetter : Direction::HigherIsBetter };
        const TargetEvaluation evaluation = perfdash::evaluateTarget(spec, current);
        QCOMPARE(evaluation.met, met);
        if (std::isnan(change))
            QVERIFY2(std::isnan(evaluation.changeVsBaselinePercent),
                qPrintable(QString::number(evaluation.changeVsBaselinePercent)));
        else
            QVERIFY2(std::abs(evaluation.changeVsBaselinePercent - change) < 1e-9,
                qPrintable(QString::number(evaluation.changeVsBaselinePercent)));
        QCOMPARE(evaluation.improved, improved);
    }

    void directionSymbol()
    {
        QCOMPARE(perfdash::directionSymbol(Direction::LowerIsBetter), QStringLiteral("<"));
        QCOMPARE(perfdash::directionSymbol(Direction::HigherIsBetter), QStringLiteral(">"));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestTarget)
#include "tst_target.moc"
