#include "HeadlessTestMain.h"
#include "MannWhitney.h"
#include "Quantiles.h"

#include <QTest>

using namespace perfdash;

// Reference values: Conover's example (as in the SciPy documentation) checked by hand, and
// scipy.stats.mannwhitneyu 1.10.1 (two-sided, use_continuity=True; method="asymptotic" where
// there are ties or more than 20 values, as this implementation chooses).
class TestMannWhitney : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesReferenceValues_data()
    {
        QTest::addColumn<QList<double>>("a");
        QTest::addColumn<QList<double>>("b");
        QTest::addColumn<double>("u");
        QTest::addColumn<double>("p");
        QTest::addColumn<bool>("exact");

        QTest::addRow("three below three: U 0, p 2/20")
            << QList<double> { 1, 2, 3 } << QList<double> { 4, 5, 6 } << 0.0 << 0.1 << true;
        QTest::addRow("Conover, exact") << QList<double> { 19, 22, 16, 29, 24 } << QList<double> { 20, 11, 17, 12 }
                                        << 17.0 << 0.1111111111111111 << true;
        QTest::addRow("ten fully separated, exact")
            << QList<double> { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }
            << QList<double> { 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 } << 0.0 << 1.082508822446903e-05 << true;
        QTest::addRow("integer ties, normal with tie correction")
            << QList<double> { 1, 2, 2, 3, 3, 3, 4, 5 } << QList<double> { 2, 3, 4, 4, 5, 5, 6, 7 } << 13.5
            << 0.05464095473294313 << false;
        QTest::addRow("ratio ties, normal with tie correction")
            << QList<double> { 0.8, 0.8, 0.9, 1.0, 1.0, 1.0, 1.2 }
            << QList<double> { 1.0, 1.1, 1.1, 1.2, 1.3, 1.3, 1.5, 1.5 } << 5.0 << 0.00830384990641785 << false;
        QList<double> evens;
        QList<double> odds;
        for (int i = 0; i < 50; i += 2)
            evens << i;
        for (int i = 1; i < 60; i += 2)
            odds << i;
        QTest::addRow("25 vs 30, normal") << evens << odds << 300.0 << 0.20792927248164417 << false;
    }

    void matchesReferenceValues()
    {
        QFETCH(QList<double>, a);
        QFETCH(QList<double>, b);
        QFETCH(double, u);
        QFETCH(double, p);
        QFETCH(bool, exact);
        const MannWhitney::Result result = MannWhitney::test(a, b);
        QCOMPARE(result.u, u);
        QCOMPARE(result.exact, exact);
        QVERIFY2(std::abs(result.pValue - p) < 1e-9 * std::max(1.0, p * 1e3),
            qPrintable(QStringLiteral("p %1, expected %2").arg(result.pValue, 0, 'g', 17).arg(p, 0, 'g', 17)));
        // Swapping the samples mirrors U and keeps p.
        const MannWhitney::Result swapped = MannWhitney::test(b, a);
        QCOMPARE(swapped.u, double(a.size() * b.size()) - u);
        QCOMPARE(swapped.pValue, result.pValue);
    }

    void identicalSamplesShowNoDifference()
    {
        const QList<double> sample { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3 };
        QCOMPARE(MannWhitney::test(sample, sample).pValue, 1.0);
        QCOMPARE(MannWhitney::test({ 2, 2, 2 }, { 2, 2 }).pValue, 1.0); // all tied
        QCOMPARE(MannWhitney::test({}, { 1 }).pValue, 1.0);
    }

    void exactDistributionSumsToOne()
    {
        QCOMPARE(MannWhitney::exactCdf(4, 5, 20), 1.0);
        QCOMPARE(MannWhitney::exactCdf(3, 3, 0), 1.0 / 20.0);
        // Symmetric around m·n/2.
        QVERIFY(std::abs(MannWhitney::exactCdf(6, 7, 20) - (1 - MannWhitney::exactCdf(6, 7, 21))) < 1e-12);
    }

    void quantilesInterpolateLikeNumpy()
    {
        const QList<double> values { 15, 20, 35, 40, 50 };
        QCOMPARE(Quantiles::of(values, 0.0), 15.0);
        QCOMPARE(Quantiles::of(values, 0.5), 35.0);
        QCOMPARE(Quantiles::of(values, 0.4), 29.0); // numpy.quantile(..., 0.4)
        QCOMPARE(Quantiles::of(values, 1.0), 50.0);
        QCOMPARE(Quantiles::of({ 3, 1 }, 0.5), 2.0);
        QVERIFY(std::isnan(Quantiles::of({}, 0.5)));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestMannWhitney)
#include "tst_mannwhitney.moc"
