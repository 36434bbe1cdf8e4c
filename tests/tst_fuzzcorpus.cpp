#include "DashboardFile.h"
#include "HeadlessTestMain.h"
#include "JsonV1Parser.h"
#include "LineProtocolParser.h"
#include "PrometheusResponseParser.h"
#include "fuzz/WebSocketFrameCheck.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace perfdash;

// Replays every fuzz seed and every saved finding (tests/fuzz/corpus/) through the parsers in the
// normal suite — under the asan preset too — so a fixed crash stays fixed without running a fuzzer.
class TestFuzzCorpus : public QObject {
    Q_OBJECT

    static void addFiles(const QString& folder)
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(PERFDASH_FUZZ_CORPUS) + u'/' + folder);
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
        for (const QString& file : files)
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    static QByteArray read(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void jsonV1_data() { addFiles(QStringLiteral("jsonv1")); }
    void jsonV1()
    {
        QFETCH(QString, path);
        const ParseResult result = JsonV1Parser::parse(read(path));
        QVERIFY(result.errors.size() <= 21);
        QVERIFY(!result.samples.empty() || !result.annotations.isEmpty() || result.malformed());
        for (const Annotation& annotation : result.annotations) {
            QVERIFY(annotation.endMs >= annotation.timeMs);
            QVERIFY(!annotation.text.isEmpty());
            QVERIFY(annotation.text.size() <= JsonV1Parser::maxAnnotationTextChars);
        }
    }

    void lineProtocol_data() { addFiles(QStringLiteral("lineprotocol")); }
    void lineProtocol()
    {
        QFETCH(QString, path);
        const ParseResult result = LineProtocolParser::parse(read(path), 0);
        QVERIFY(result.errors.size() <= 21);
        QVERIFY(!result.samples.empty() || result.malformed());
    }

    // The checks of fuzz_prometheus: every endpoint's parser, a reason for every refusal, results shaped as
    // their type says.
    void prometheus_data() { addFiles(QStringLiteral("prometheus")); }
    void prometheus()
    {
        QFETCH(QString, path);
        const QByteArray body = read(path);
        const PrometheusResponse query = PrometheusResponseParser::parseQueryResponse(body);
        const QList<PrometheusResponse> responses { query, PrometheusResponseParser::parseStringList(body),
            PrometheusResponseParser::parseSeries(body), PrometheusResponseParser::parseBuildInfo(body) };
        for (const PrometheusResponse& response : responses) {
            QVERIFY(response.kind != PrometheusResponse::Kind::RequestFailed);
            QVERIFY(response.ok() || !response.message().isEmpty());
        }
        if (!query.ok())
            return;
        if (query.result.type == QueryResultType::Scalar || query.result.type == QueryResultType::String) {
            QCOMPARE(query.result.series.size(), 1);
            QCOMPARE(query.result.series[0].points.size(), 1);
        }
        if (query.result.type == QueryResultType::Vector) {
            for (const QuerySeries& series : query.result.series)
                QCOMPARE(series.points.size() + series.histograms.size(), 1); // a float or a histogram
        }
        for (const QuerySeries& series : query.result.series) {
            for (const NativeHistogramSample& sample : series.histograms) {
                for (const NativeHistogramBucket& bucket : sample.buckets) {
                    QVERIFY(bucket.boundaryRule >= 0 && bucket.boundaryRule <= 3);
                    QVERIFY(bucket.lower <= bucket.upper);
                }
            }
        }
    }

    // The checks of fuzz_websocket: the stream's frame reader, fed whole and in pieces.
    void webSocket_data() { addFiles(QStringLiteral("websocket")); }
    void webSocket()
    {
        QFETCH(QString, path);
        const QString problem = fuzz::checkWebSocketInput(read(path));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // The checks of fuzz_dashboard: a refusal has a reason; what loads writes back, loads again, and writes the
    // same bytes.
    void dashboard_data() { addFiles(QStringLiteral("dashboard")); }
    void dashboard()
    {
        QFETCH(QString, path);
        const DashboardLoadResult first = DashboardFile::load(read(path));
        if (!first.dashboard) {
            QVERIFY(!first.error.isEmpty());
            return;
        }
        const QByteArray written = DashboardFile::toJson(*first.dashboard);
        const DashboardLoadResult second = DashboardFile::load(written);
        QVERIFY2(second.dashboard, qPrintable(second.error));
        QCOMPARE(DashboardFile::toJson(*second.dashboard), written);
    }

    // The generated seeds scripts/fuzz adds (too big to commit): 100,000-deep nesting and a 1 MB label.
    void giantsAreRefusedOrReadWhole()
    {
        const QByteArray deep(100'000, '[');
        QCOMPARE(PrometheusResponseParser::parseQueryResponse(deep).kind, PrometheusResponse::Kind::Malformed);
        QVERIFY(!DashboardFile::load(deep).dashboard);
        QVERIFY(!DashboardFile::load(deep).error.isEmpty());

        const QByteArray big(1 << 20, 'x');
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"x\":\"" + big
            + "\"},\"values\":[[1700000000,\"1\"]]}]}}");
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QCOMPARE(response.result.series[0].labels.value(QStringLiteral("x")).size(), big.size());

        const DashboardLoadResult dashboard
            = DashboardFile::load("{\"perfdash_dashboard\":1,\"name\":\"x\",\"panels\":[{\"title\":\"" + big
                + "\",\"metric\":\"m\",\"target\":1,\"baseline\":2,\"direction\":\"lower-is-better\"}]}");
        QVERIFY2(dashboard.dashboard, qPrintable(dashboard.error));
        QCOMPARE(dashboard.dashboard->panels.value(0).title.size(), big.size());
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
