#include "HeadlessTestMain.h"
#include "SweepResult.h"

#include <QJsonArray>
#include <QTest>

using namespace perfdash;

// What to sweep (the spec's text, its values) and what comes back (figures, knee, JSON, CSV), on runs
// made up for the purpose.
class TestSweep : public QObject {
    Q_OBJECT

    static ProfileRun runWith(const QString& metric, const QList<double>& values)
    {
        ProfileRun run;
        QString error;
        run.settings = *ProfileSettings::make(QStringLiteral("pool"), {}, &error);
        for (qsizetype i = 0; i < values.size(); ++i)
            run.repetitions << RepetitionResult { int(i), 1, { { metric, values[i] } } };
        return run;
    }

    // A pool sweep over workers 1..8 whose throughput rises as given.
    static SweepResult poolSweep(const QList<double>& throughput)
    {
        SweepResult result;
        result.component = QStringLiteral("pool");
        QString error;
        result.spec = *SweepSpec::parse(QStringLiteral("pool"), QStringLiteral("workers=1..8:lin:8"), &error);
        result.values = result.spec.values(QStringLiteral("pool"));
        result.repetitions = 3;
        SweepCurve curve;
        for (const double value : throughput)
            curve.runs << runWith(QStringLiteral("throughput_ops_per_s"), { value * 0.98, value, value * 1.01 });
        result.curves << curve;
        return result;
    }

private Q_SLOTS:
    void aSpecGivesItsValues()
    {
        QString error;
        const auto log = SweepSpec::parse(QStringLiteral("cache"), QStringLiteral("capacity=100..10000:log:5"), &error);
        QVERIFY2(log, qPrintable(error));
        QCOMPARE(log->values(QStringLiteral("cache")), (QStringList { "100", "316", "1000", "3162", "10000" }));
        const auto linear
            = SweepSpec::parse(QStringLiteral("cache"), QStringLiteral(" zipf = 0.5 .. 1.5 : lin : 3"), &error);
        QVERIFY2(linear, qPrintable(error));
        QCOMPARE(linear->values(QStringLiteral("cache")), (QStringList { "0.5", "1", "1.5" }));
        // Integer points that round alike are run once; 8 points by default.
        const auto crowded = SweepSpec::parse(QStringLiteral("pool"), QStringLiteral("workers=1..3"), &error);
        QCOMPARE(crowded->values(QStringLiteral("pool")), (QStringList { "1", "2", "3" }));
        const auto series
            = SweepSeries::parse(QStringLiteral("cache"), QStringLiteral("policy=lru, sieve,lru"), &error);
        QVERIFY2(series, qPrintable(error));
        QCOMPARE(series->values, (QStringList { "lru", "sieve" }));
    }

    void aBadSpecSaysWhatIsWrong_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("shape") << "capacity:100-200"
                               << "NAME=FROM..TO";
        QTest::newRow("unknown") << "size=1..2"
                                 << "no numeric parameter \"size\" (numeric: capacity, keys";
        QTest::newRow("choice") << "policy=1..2"
                                << "no numeric parameter \"policy\"";
        QTest::newRow("reversed") << "capacity=500..100"
                                  << "the first below the second";
        QTest::newRow("NaN") << "capacity=nan..100"
                             << "must be two numbers";
        QTest::newRow("range") << "capacity=1..1e308"
                               << "leaves the parameter's range";
        QTest::newRow("log from 0") << "duration_ms=0..100:log"
                                    << "a log scale needs a range above 0";
        QTest::newRow("points") << "capacity=10..20:lin:100000"
                                << "from 2 to 200 points";
    }

    void aBadSpecSaysWhatIsWrong()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!SweepSpec::parse(QStringLiteral("cache"), text, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void figuresAreMedianAndQuartiles()
    {
        SweepResult result = poolSweep({ 100 });
        result.curves[0].runs[0] = runWith(QStringLiteral("throughput_ops_per_s"), { 1, 2, 3, 4, 100 });
        const SweepFigure figure = result.figure(result.curves[0], 0, QStringLiteral("throughput_ops_per_s"));
        QCOMPARE(figure.median, 3.0);
        QCOMPARE(figure.q1, 2.0);
        QCOMPARE(figure.q3, 4.0);
        QVERIFY(std::isnan(result.figure(result.curves[0], 5, QStringLiteral("throughput_ops_per_s")).median));
    }

    void theKneeIsWhereMoreStopsPaying()
    {
        // Two cores: throughput doubles from one worker to two, then stays.
        const SweepResult flattening = poolSweep({ 100, 200, 205, 204, 206, 203, 207, 205 });
        QCOMPARE(flattening.knee(flattening.curves[0], QStringLiteral("throughput_ops_per_s")), std::optional<int>(1));
        QVERIFY(flattening.toText().contains("knee (pool): workers=2"));
        QCOMPARE(flattening.toJson()["curves"][0]["knee"]["value"].toString(), QStringLiteral("2"));
        // A straight line has no knee, nor does a flat one.
        const SweepResult straight = poolSweep({ 100, 200, 300, 400, 500, 600, 700, 800 });
        QCOMPARE(straight.knee(straight.curves[0], QStringLiteral("throughput_ops_per_s")), std::nullopt);
        const SweepResult flat = poolSweep({ 100, 100, 100, 100, 100, 100, 100, 100 });
        QCOMPARE(flat.knee(flat.curves[0], QStringLiteral("throughput_ops_per_s")), std::nullopt);
    }

    void theFilesCarryEveryPoint()
    {
        const SweepResult result = poolSweep({ 100, 200, 205 });
        const QJsonObject json = result.toJson();
        QCOMPARE(json["format"].toString(), QStringLiteral("perfdash-sweep"));
        QCOMPARE(json["version"].toInt(), 1);
        QCOMPARE(json["sweep"]["parameter"].toString(), QStringLiteral("workers"));
        QCOMPARE(json["sweep"]["values"].toArray().size(), 8);
        const QJsonArray points = json["curves"][0]["points"].toArray();
        QCOMPARE(points.size(), 3); // the points that ran
        QCOMPARE(points[1]["value"].toString(), QStringLiteral("2"));
        QCOMPARE(points[1]["figures"]["throughput_ops_per_s"]["median"].toDouble(), 200.0);
        QCOMPARE(points[1]["run"]["repetitions"].toArray().size(), 3);
        const QList<QByteArray> rows = result.toCsv().trimmed().split('\n');
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0], QByteArray("series,parameter,value,metric,median,q1,q3,repetitions"));
        QCOMPARE(rows[2], QByteArray(",workers,2,throughput_ops_per_s,200,198,201,3"));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
