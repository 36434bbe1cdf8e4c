#include "GapSegments.h"
#include "PrometheusResponseParser.h"

#include <QTest>
#include <cmath>

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

        response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1700000000,\"hello\"]}}");
        QVERIFY(response.ok());
        QCOMPARE(response.result.type, QueryResultType::String);
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
    }
};

QTEST_GUILESS_MAIN(TestPrometheusResponseParser)
#include "tst_prometheusresponseparser.moc"
