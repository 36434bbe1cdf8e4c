#include "GapSegments.h"
#include "HeadlessTestMain.h"
#include "PrometheusResponseParser.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace perfdash;

// The simdjson parser of Prometheus API bodies: every result type, the special values, gaps, the
// server's errors and warnings, and malformed bodies named by where they went wrong.
class TestPrometheusResponseParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matrixKeepsLabelsTimesAndSpecialValues()
    {
        const QByteArray body
            = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
              "{\"metric\":{\"__name__\":\"up\",\"job\":\"demo\"},\"values\":[[1700000000,\"1\"],[1700000000.5,\"NaN\"]"
              ",[1700000001,\"+Inf\"],[1700000001.5,\"-Inf\"],[1700000002,\"2.5e-3\"]]},"
              "{\"metric\":{\"job\":\"other\"},\"values\":[]}]}}";
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(body);
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QCOMPARE(response.result.type, QueryResultType::Matrix);
        QCOMPARE(response.result.series.size(), 2);
        const QuerySeries& first = response.result.series[0];
        QCOMPARE(first.labels.value(QStringLiteral("job")), QStringLiteral("demo"));
        QCOMPARE(first.labels.value(QStringLiteral("__name__")), QStringLiteral("up"));
        QCOMPARE(first.points.size(), 5);
        QCOMPARE(first.points[0], QPointF(1700000000000.0, 1.0));
        QCOMPARE(first.points[1].x(), 1700000000500.0);
        QVERIFY(std::isnan(first.points[1].y()));
        QVERIFY(std::isinf(first.points[2].y()) && first.points[2].y() > 0);
        QVERIFY(std::isinf(first.points[3].y()) && first.points[3].y() < 0);
        QCOMPARE(first.points[4].y(), 0.0025);
        QVERIFY(response.result.series[1].points.isEmpty());
    }

    void vectorScalarAndString()
    {
        auto response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":\"b\"},"
            "\"value\":[1700000000.123,\"42\"]}]}}");
        QVERIFY(response.ok());
        QCOMPARE(response.result.type, QueryResultType::Vector);
        QCOMPARE(response.result.series.size(), 1);
        QCOMPARE(response.result.series[0].points, QList<QPointF>({ QPointF(1700000000123.0, 42.0) }));

        response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"0.5\"]}}");
        QVERIFY(response.ok());
        QCOMPARE(response.result.type, QueryResultType::Scalar);
        QCOMPARE(response.result.series.size(), 1);
        QCOMPARE(response.result.series[0].points, QList<QPointF>({ QPointF(1700000000000.0, 0.5) }));

        // A string has no number: refused with its text (it used to come out as NaN), as client_golang would
        // hand back a string, not a sample.
        response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1700000000,\"hello\"]}}");
        QCOMPARE(response.kind, PrometheusResponse::Kind::Unchartable);
        QCOMPARE(response.message(),
            QStringLiteral("data.result: the query returned the string \"hello\"; a string has no value to chart"));
    }

    // One rule for the values of all three result types (Go's ParseFloat, as Prometheus uses): "+1" is 1,
    // an underflow is 0, "abc" and an overflow are errors that name the place. The scalar path used to turn
    // every bad value into NaN.
    void oneValueRuleForMatrixVectorAndScalar_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<double>("expected");
        QTest::addColumn<bool>("valid");
        QTest::addRow("plus sign") << QByteArray("+1") << 1.0 << true;
        QTest::addRow("plus Inf") << QByteArray("+Inf") << std::numeric_limits<double>::infinity() << true;
        QTest::addRow("underflow") << QByteArray("1e-400") << 0.0 << true;
        QTest::addRow("text") << QByteArray("abc") << 0.0 << false;
        QTest::addRow("overflow") << QByteArray("1e309") << 0.0 << false;
        QTest::addRow("two signs") << QByteArray("+-1") << 0.0 << false;
    }

    void oneValueRuleForMatrixVectorAndScalar()
    {
        QFETCH(QByteArray, value);
        QFETCH(double, expected);
        QFETCH(bool, valid);
        const QByteArray bodies[] = {
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,\""
                + value + "\"]]}]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"" + value
                + "\"]}]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"" + value + "\"]}}",
        };
        const QString places[] = { QStringLiteral("data.result[0].values[0][1]"), QStringLiteral("data.result[0].value[1]"),
            QStringLiteral("data.result[1]") };
        for (int i = 0; i < 3; ++i) {
            const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(bodies[i]);
            if (valid) {
                QVERIFY2(response.ok(), qPrintable(response.message()));
                QCOMPARE(response.result.series[0].points[0].y(), expected);
            } else {
                QCOMPARE(response.kind, PrometheusResponse::Kind::Malformed);
                QVERIFY2(response.error.startsWith(places[i] + QStringLiteral(": expected a number")),
                    qPrintable(response.error));
            }
        }
    }

    // [unix seconds, "value"]: milliseconds from the decimal text, cut as Prometheus's decoder cuts them.
    void timestampsAreReadExactly_data()
    {
        QTest::addColumn<QByteArray>("time");
        QTest::addColumn<double>("ms");
        QTest::addRow("cut, not rounded") << QByteArray("1.9999") << 1999.0;
        QTest::addRow("milliseconds") << QByteArray("1700000000.123") << 1700000000123.0;
        QTest::addRow("whole seconds") << QByteArray("1700000000") << 1700000000000.0;
        QTest::addRow("exponent") << QByteArray("1.7e9") << 1700000000000.0;
        QTest::addRow("more digits than a double") << QByteArray("1700000000.1239999999999") << 1700000000123.0;
        QTest::addRow("negative") << QByteArray("-1.5") << -1500.0;
    }

    void timestampsAreReadExactly()
    {
        QFETCH(QByteArray, time);
        QFETCH(double, ms);
        for (const QByteArray& body :
            { "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[["
                    + time + ",\"1\"]]}]}}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":["
                    + time + ",\"1\"]}]}}",
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[" + time + ",\"1\"]}}" }) {
            const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(body);
            QVERIFY2(response.ok(), qPrintable(response.message()));
            QCOMPARE(response.result.series[0].points[0].x(), ms);
        }
    }

    // Native histograms as the HTTP API documents them: "histograms" in a matrix, "histogram" in a vector,
    // beside the float samples or instead of them; every number a string but the boundary rule.
    void nativeHistogramsAreParsed()
    {
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
            "{\"metric\":{\"a\":\"floats\"},\"values\":[[1,\"1\"],[2,\"2\"]]},"
            "{\"metric\":{\"a\":\"histograms\"},\"histograms\":[[1,{\"count\":\"3\",\"sum\":\"1.5\",\"buckets\":["
            "[1,\"-0.001\",\"0\",\"1\"],[0,\"0.5\",\"1\",\"2\"]]}],[2.5,{\"count\":\"4\",\"sum\":\"2\"}]]},"
            "{\"metric\":{\"a\":\"both\"},\"values\":[[1,\"7\"]],\"histograms\":[[2,{\"count\":\"1\",\"sum\":\"1\"}]]}]"
            "}}");
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QCOMPARE(response.result.series.size(), 3);
        QVERIFY(response.result.infos.isEmpty());
        const QuerySeries& histograms = response.result.series[1];
        QVERIFY(histograms.points.isEmpty());
        QCOMPARE(histograms.histograms.size(), 2);
        const NativeHistogramSample& first = histograms.histograms[0];
        QCOMPARE(first.timeMs, qint64(1000));
        QCOMPARE(first.count, 3.0);
        QCOMPARE(first.sum, 1.5);
        QCOMPARE(first.buckets.size(), 2);
        QCOMPARE(first.buckets[0].boundaryRule, 1);
        QCOMPARE(first.buckets[0].lower, -0.001);
        QCOMPARE(first.buckets[0].upper, 0.0);
        QCOMPARE(first.buckets[1].boundaryRule, 0);
        QCOMPARE(first.buckets[1].lower, 0.5);
        QCOMPARE(first.buckets[1].upper, 1.0);
        QCOMPARE(first.buckets[1].count, 2.0);
        QCOMPARE(histograms.histograms[1].timeMs, qint64(2500));
        QVERIFY(histograms.histograms[1].buckets.isEmpty()); // an empty histogram has no "buckets"
        const QuerySeries& both = response.result.series[2];
        QCOMPARE(both.points.size(), 1);
        QCOMPARE(both.histograms.size(), 1);
        QCOMPARE(both.histograms[0].timeMs, qint64(2000));

        const PrometheusResponse vector = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            "{\"metric\":{},\"histogram\":[1,{\"count\":\"3\",\"sum\":\"1.5\"}]},{\"metric\":{\"b\":\"c\"},\"value\":[1,\"5\"]}]}}");
        QVERIFY2(vector.ok(), qPrintable(vector.message()));
        QCOMPARE(vector.result.series.size(), 2);
        QCOMPARE(vector.result.series[0].histograms.size(), 1);
        QCOMPARE(vector.result.series[0].histograms[0].count, 3.0);
        QCOMPARE(vector.result.series[1].points[0].y(), 5.0);
    }

    // Custom-bucket native histograms (grafana#114584 does not render them) have ±Inf bounds.
    void customBucketsKeepInfiniteBounds()
    {
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"histogram\":"
            "[1700000000,{\"count\":\"10\",\"sum\":\"+Inf\",\"buckets\":[[3,\"-Inf\",\"-Inf\",\"1\"],"
            "[0,\"-Inf\",\"0.1\",\"2\"],[0,\"0.1\",\"1\",\"4\"],[0,\"1\",\"+Inf\",\"3\"]]}]}]}}");
        QVERIFY2(response.ok(), qPrintable(response.message()));
        const NativeHistogramSample& sample = response.result.series[0].histograms[0];
        QCOMPARE(sample.timeMs, qint64(1700000000000));
        QVERIFY(std::isinf(sample.sum));
        QCOMPARE(sample.buckets.size(), 4);
        QCOMPARE(sample.buckets[0].boundaryRule, 3);
        QVERIFY(std::isinf(sample.buckets[0].lower) && sample.buckets[0].lower < 0);
        QVERIFY(std::isinf(sample.buckets[1].lower));
        QVERIFY(std::isinf(sample.buckets[3].upper) && sample.buckets[3].upper > 0);
        QCOMPARE(sample.buckets[3].count, 3.0);
    }

    void badNativeHistogramsNameThePlace_data()
    {
        QTest::addColumn<QByteArray>("histogram");
        QTest::addColumn<QString>("expected");
        QTest::addRow("rule out of range") << QByteArray("[1,{\"count\":\"1\",\"buckets\":[[4,\"0\",\"1\",\"1\"]]}]")
                                           << QStringLiteral("data.result[0].histogram[1].buckets[0][0]: expected a "
                                                             "boundary rule 0, 1, 2 or 3");
        QTest::addRow("rule as a string") << QByteArray("[1,{\"count\":\"1\",\"buckets\":[[\"0\",\"0\",\"1\",\"1\"]]}]")
                                          << QStringLiteral("data.result[0].histogram[1].buckets[0][0]: expected a "
                                                            "boundary rule");
        QTest::addRow("count as a number") << QByteArray("[1,{\"count\":1}]")
                                           << QStringLiteral("data.result[0].histogram[1].count: expected a string");
        QTest::addRow("bad bucket count") << QByteArray("[1,{\"count\":\"1\",\"buckets\":[[0,\"0\",\"1\",\"x\"]]}]")
                                          << QStringLiteral("data.result[0].histogram[1].buckets[0][3]: expected a "
                                                            "number");
        QTest::addRow("short bucket") << QByteArray("[1,{\"count\":\"1\",\"buckets\":[[0,\"0\",\"1\"]]}]")
                                      << QStringLiteral("data.result[0].histogram[1].buckets[0]: expected [rule, "
                                                        "\"lower\", \"upper\", \"count\"], got 3 elements");
        QTest::addRow("bounds reversed") << QByteArray("[1,{\"count\":\"1\",\"buckets\":[[0,\"2\",\"1\",\"1\"]]}]")
                                         << QStringLiteral("data.result[0].histogram[1].buckets[0]: lower bound 2 "
                                                           "above upper bound 1");
        QTest::addRow("no count") << QByteArray("[1,{\"sum\":\"1\"}]")
                                  << QStringLiteral("data.result[0].histogram[1]: missing \"count\"");
        QTest::addRow("not a pair") << QByteArray("{\"count\":\"1\"}")
                                    << QStringLiteral("data.result[0].histogram: expected [time, ");
    }

    void badNativeHistogramsNameThePlace()
    {
        QFETCH(QByteArray, histogram);
        QFETCH(QString, expected);
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"histogram\":"
            + histogram + "}]}}");
        QVERIFY(!response.ok());
        QVERIFY2(response.message().contains(expected), qPrintable(response.message()));
    }

    void gapStaysAGap()
    {
        // Steps of 15 s; 1700000030 is missing (the series was absent at that step).
        const QByteArray body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                                "{\"metric\":{},\"values\":[[1700000000,\"1\"],[1700000015,\"2\"],[1700000045,\"4\"],["
                                "1700000060,\"5\"]]}]}}";
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(body);
        QVERIFY(response.ok());
        const QList<QPointF>& points = response.result.series[0].points;
        QCOMPARE(points.size(), 4); // nothing invented for the missing step
        const QList<QList<QPointF>> runs = splitAtGaps(points, 15'000);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].size(), 2);
        QCOMPARE(runs[1].size(), 2);
        QCOMPARE(runs[1][0].x(), 1700000045000.0);
    }

    void nonFiniteValuesBreakTheLine()
    {
        const QList<QPointF> points { { 0, 1 }, { 1000, std::nan("") }, { 2000, 3 }, { 3000, INFINITY }, { 4000, 5 } };
        const QList<QList<QPointF>> runs = splitAtGaps(points, 1000);
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0], QList<QPointF>({ QPointF(0, 1) }));
        QCOMPARE(runs[2], QList<QPointF>({ QPointF(4000, 5) }));
    }

    void warningsAndInfosAreKeptWithTheData()
    {
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"warnings\":[\"PromQL warning: encountered a mix of histograms and "
            "floats\"],\"infos\":[\"PromQL info: metric might not be a "
            "counter\"],\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"1\"]}]}}");
        QVERIFY(response.ok());
        QCOMPARE(response.result.warnings,
            QStringList { QStringLiteral("PromQL warning: encountered a mix of histograms and floats") });
        QCOMPARE(response.result.infos, QStringList { QStringLiteral("PromQL info: metric might not be a counter") });
        QCOMPARE(response.result.series.size(), 1);
    }

    void serverErrorIsKeptVerbatim()
    {
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:5: parse "
            "error: unexpected <EOF>\"}");
        QCOMPARE(response.kind, PrometheusResponse::Kind::ServerError);
        QCOMPARE(response.errorType, QStringLiteral("bad_data"));
        QCOMPARE(response.error, QStringLiteral("invalid parameter \"query\": 1:5: parse error: unexpected <EOF>"));
    }

    void malformedBodiesSayWhere_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::addRow("html") << QByteArray("<html><body>Grafana</body></html>")
                              << QStringLiteral("the body is not a JSON object, so not a Prometheus API answer");
        QTest::addRow("no status") << QByteArray("{\"data\":{}}")
                                   << QStringLiteral("no \"status\" field, so not a Prometheus API answer");
        QTest::addRow("bad value") << QByteArray(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,"
            "\"1\"]]},{\"metric\":{},\"values\":[[1,\"1\"],[2,\"abc\"]]}]}}")
                                   << QStringLiteral("data.result[1].values[1][1]: expected a number, \"NaN\", "
                                                     "\"+Inf\" or \"-Inf\" as a string, got \"abc\"");
        QTest::addRow("number value") << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
                                                    "\"result\":[{\"metric\":{},\"values\":[[1,1]]}]}}")
                                      << QStringLiteral("data.result[0].values[0]: expected [time, \"value\"]");
        QTest::addRow("unknown type") << QByteArray(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"table\",\"result\":[]}}")
                                      << QStringLiteral("data.resultType: unknown resultType \"table\"");
        QTest::addRow("missing result") << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\"}}")
                                        << QStringLiteral("data: missing result");
        QTest::addRow("label not a string") << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                                                          "\"result\":[{\"metric\":{\"job\":3},\"value\":[1,\"1\"]}]}}")
                                            << QStringLiteral("data.result[0].metric.job: expected a string");
        // Found by fuzz_prometheus: these used to pass as empty series or an invented value of 0.
        QTest::addRow("series without samples") << QByteArray(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":\"b\"},"
            "\"value\":[1,\"1\"]},{\"metric\":{\"a\":\"c\"},\"xalue\":[1,\"NaN\"]}]}}")
                                                << QStringLiteral(
                                                       "data.result[1]: missing \"values\" (matrix) or \"value\" "
                                                       "(vector)");
        QTest::addRow("vector with a range") << QByteArray(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
            "\"values\":[[1,\"1\"],[2,\"2\"]]}]}}")
                                             << QStringLiteral("data.result[0]: a vector sample is {\"metric\": "
                                                               "{...}, \"value\": [time, \"value\"]}, got 2 samples");
        QTest::addRow("scalar without value")
            << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000]}}")
            << QStringLiteral("data.result: expected [time, \"value\"], got a time alone");
        QTest::addRow("empty scalar")
            << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[]}}")
            << QStringLiteral("data.result: a scalar result is one [time, \"value\"] pair");
        QTest::addRow("matrix of a bare pair")
            << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[1,\"2\"]}}")
            << QStringLiteral("data.result: a matrix result is a list of series objects");
    }

    void malformedBodiesSayWhere()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(body);
        QCOMPARE(response.kind, PrometheusResponse::Kind::Malformed);
        QCOMPARE(response.error, error);
        QVERIFY(response.result.series.isEmpty());
    }

    void labelListsSeriesAndBuildInfo()
    {
        auto response = PrometheusResponseParser::parseStringList(
            "{\"status\":\"success\",\"data\":[\"__name__\",\"job\",\"le\"]}");
        QVERIFY(response.ok());
        QCOMPARE(
            response.strings, QStringList({ QStringLiteral("__name__"), QStringLiteral("job"), QStringLiteral("le") }));

        response = PrometheusResponseParser::parseSeries("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\","
                                                         "\"job\":\"demo\"},{\"__name__\":\"up\",\"job\":\"x\"}]}");
        QVERIFY(response.ok());
        QCOMPARE(response.labelSets.size(), 2);
        QCOMPARE(response.labelSets[1].value(QStringLiteral("job")), QStringLiteral("x"));

        response = PrometheusResponseParser::parseBuildInfo("{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\","
                                                            "\"revision\":\"abc\",\"branch\":\"debian/sid\"}}");
        QVERIFY(response.ok());
        QCOMPARE(response.version, QStringLiteral("2.42.0"));
        // VictoriaMetrics 1.79's buildinfo: success with no fields. The server works; its version is unknown.
        response = PrometheusResponseParser::parseBuildInfo("{\"status\":\"success\",\"data\":{}}");
        QVERIFY(response.ok());
        QCOMPARE(response.version, QStringLiteral("not given"));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestPrometheusResponseParser)
#include "tst_prometheusresponseparser.moc"
