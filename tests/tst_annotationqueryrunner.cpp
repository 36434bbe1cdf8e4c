#include "AnnotationLog.h"
#include "AnnotationQueryRunner.h"
#include "FakePrometheusServer.h"
#include "HeadlessTestMain.h"
#include "LoopbackPort.h"
#include "PrometheusClient.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

using namespace perfdash;

namespace {

constexpr qint64 fromMs = 1'764'000'000'000;
constexpr qint64 stepMs = 15'000;
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

DataSourceSpec sourceFor(const QString& id, const QUrl& url)
{
    DataSourceSpec spec;
    spec.id = id;
    spec.kind = DataSourceKind::Prometheus;
    spec.url = url;
    spec.queryTimeoutMs = 5000;
    return spec;
}

AnnotationQuerySpec querySpec(const QString& expr, const QString& text = {})
{
    return { QStringLiteral("prom"), expr, text, QStringList { QStringLiteral("deploy") } };
}

// Values at consecutive steps from fromMs, leaving out the points of missingSteps (Prometheus sends none there).
QuerySeries seriesOf(const QList<double>& values, const QList<int>& missingSteps = {})
{
    QuerySeries series;
    for (int step = 0; step < values.size(); ++step) {
        if (!missingSteps.contains(step))
            series.points << QPointF(double(fromMs + step * stepMs), values[step]);
    }
    return series;
}

// One client per source id, as the PanelQueryRunner keeps them.
struct Clients {
    std::map<QString, std::unique_ptr<PrometheusClient>> byId;
    void add(const QString& id, const QUrl& url) { byId[id] = std::make_unique<PrometheusClient>(sourceFor(id, url)); }
    AnnotationQueryRunner::ClientLookup lookup()
    {
        return [this](const QString& id) {
            const auto it = byId.find(id);
            return it == byId.end() ? nullptr : it->second.get();
        };
    }
};

QList<qint64> timesOf(const QList<Annotation>& annotations)
{
    QList<qint64> times;
    for (const Annotation& annotation : annotations)
        times << annotation.timeMs - fromMs;
    return times;
}

} // namespace

// Annotation queries as Grafana users write them, answered by scripted and fake Prometheus servers.
class TestAnnotationQueryRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsOfNonZeroStepsBecomeOnePointEach_data()
    {
        QTest::addColumn<QuerySeries>("series");
        QTest::addColumn<QList<qint64>>("expected"); // ms after fromMs
        QTest::addRow("one run") << seriesOf({ 0, 1, 1, 1, 0 }) << QList<qint64> { stepMs };
        QTest::addRow("two runs") << seriesOf({ 1, 1, 0, 2, 0, 3 }) << QList<qint64> { 0, 3 * stepMs, 5 * stepMs };
        QTest::addRow("a missing step splits a run")
            << seriesOf({ 1, 1, 1, 1 }, { 2 }) << QList<qint64> { 0, 3 * stepMs };
        QTest::addRow("NaN ends a run") << seriesOf({ 1, notANumber, 1 }) << QList<qint64> { 0, 2 * stepMs };
        QTest::addRow("infinity is no mark") << seriesOf({ infinity, -infinity, 1, 1 }) << QList<qint64> { 2 * stepMs };
        QTest::addRow("negative is non-zero") << seriesOf({ 0, -1, -1 }) << QList<qint64> { stepMs };
        QTest::addRow("all zero") << seriesOf({ 0, 0, 0 }) << QList<qint64> {};
        QTest::addRow("no points") << QuerySeries {} << QList<qint64> {};
    }

    void runsOfNonZeroStepsBecomeOnePointEach()
    {
        QFETCH(QuerySeries, series);
        QFETCH(QList<qint64>, expected);
        const QList<Annotation> annotations
            = annotationsFromSeries({ series }, querySpec(QStringLiteral("x > 0")), double(stepMs));
        QCOMPARE(timesOf(annotations), expected);
        for (const Annotation& annotation : annotations) {
            QVERIFY(!annotation.isRange());
            QCOMPARE(annotation.origin, Annotation::Origin::Query);
            QCOMPARE(annotation.tags, QStringList { QStringLiteral("deploy") });
        }
    }

    void textTakesTheSeriesLabelsOrTheExpression()
    {
        QuerySeries series = seriesOf({ 1 });
        series.labels = { { QStringLiteral("job"), QStringLiteral("demo") },
            { QStringLiteral("instance"), QStringLiteral("127.0.0.1:9464") } };
        const QString expr = QStringLiteral("changes(process_start_time_seconds[1m]) > 0");
        const auto withText = annotationsFromSeries(
            { series }, querySpec(expr, QStringLiteral("restart of {{job}} on {{ instance }}{{missing}}")), stepMs);
        QCOMPARE(withText.value(0).text, QStringLiteral("restart of demo on 127.0.0.1:9464"));
        QCOMPARE(annotationsFromSeries({ series }, querySpec(expr), stepMs).value(0).text, expr);
    }

    void serverAnswerReplacesTheLogsQueryAnnotations()
    {
        // Two series of changes(...) > 0: a restart of "api" at step 1 (true for 4 steps) and of "db" at step 6.
        const QByteArray result = [] {
            const auto at = [](int step) { return QByteArray::number((fromMs + step * stepMs) / 1000); };
            return R"({"status":"success","data":{"resultType":"matrix","result":[)"
                   R"({"metric":{"job":"api"},"values":[[)"
                + at(1) + R"(,"1"],[)" + at(2) + R"(,"1"],[)" + at(3) + R"(,"1"],[)" + at(4)
                + R"(,"1"]]},)"
                  R"({"metric":{"job":"db"},"values":[[)"
                + at(6) + R"(,"2"]]}]}})";
        }();
        QList<QUrlQuery> asked;
        ScriptedHttpServer server([&](const ScriptedHttpServer::Request& request) {
            asked << QUrlQuery(QUrl(QString::fromUtf8(request.target)).query());
            return ScriptedHttpServer::Response { 200, result };
        });
        QVERIFY(server.isListening());
        Clients clients;
        clients.add(QStringLiteral("prom"), server.url());

        AnnotationLog log;
        Annotation note { fromMs, fromMs, QStringLiteral("user note"), {}, Annotation::Origin::User };
        Annotation stale { fromMs + 2 * stepMs, fromMs + 2 * stepMs, QStringLiteral("old answer"), {},
            Annotation::Origin::Query };
        log.add({ note, stale });

        AnnotationQueryRunner runner(clients.lookup());
        runner.setLog(&log);
        // As imported from Grafana: a dashboard variable and a built-in, resolved before the query goes out.
        runner.setQueries(
            { querySpec(QStringLiteral("changes(process_start_time_seconds{job=~\"$job\"}[$__rate_interval]) > 0"),
                QStringLiteral("{{job}} restarted")) });
        runner.setVariableValues({ { QStringLiteral("job"), QStringLiteral("(api|db)") } });
        QSignalSpy ready(&runner, &AnnotationQueryRunner::annotationsReady);
        QSignalSpy failed(&runner, &AnnotationQueryRunner::queryFailed);
        runner.run(fromMs, fromMs + 40 * stepMs, 40); // 600 s over 40 columns: a 15 s step
        QVERIFY(runner.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!runner.isBusy());

        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0].queryItemValue(QStringLiteral("step")), QStringLiteral("15"));
        QCOMPARE(asked[0].queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded),
            QStringLiteral("changes(process_start_time_seconds{job=~\"(api|db)\"}[60s]) > 0"));
        const auto annotations = ready[0][2].value<QList<Annotation>>();
        QCOMPARE(timesOf(annotations), (QList<qint64> { stepMs, 6 * stepMs }));
        QCOMPARE(annotations[0].text, QStringLiteral("api restarted"));
        QCOMPARE(annotations[1].text, QStringLiteral("db restarted"));
        QCOMPARE(ready[0][0].toLongLong(), fromMs);
        // The log: the user's note stays, the old answer is replaced by the new one.
        QCOMPARE(log.all(), (QList<Annotation> { note, annotations[0], annotations[1] }));
    }

    void fakePrometheusSeriesLabelsFillTheText()
    {
        FakePrometheusServer server; // one series {endpoint="/a"}: two points, 30 s and 15 s ago
        QVERIFY(server.isListening());
        Clients clients;
        clients.add(QStringLiteral("prom"), server.url());
        AnnotationQueryRunner runner(clients.lookup());
        runner.setQueries({ querySpec(QStringLiteral("up > 0"), QStringLiteral("slow {{endpoint}}")) });
        QSignalSpy ready(&runner, &AnnotationQueryRunner::annotationsReady);
        const qint64 now = QDateTime::currentSecsSinceEpoch() * 1000;
        runner.run(now - 60'000, now, 4); // a 15 s step: the two points are one run
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
        const auto annotations = ready[0][2].value<QList<Annotation>>();
        QCOMPARE(annotations.size(), 1);
        QCOMPARE(annotations[0].text, QStringLiteral("slow /a"));
        QVERIFY(std::abs(annotations[0].timeMs - (now - 30'000)) <= 1000);
    }

    void failuresNameTheQueryAndTheSource_data()
    {
        QTest::addColumn<QString>("sourceId");
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QString>("reason");
        QTest::addRow("bad query") << QStringLiteral("prom") << QStringLiteral("rate(up[")
                                   << QStringLiteral("annotation query \"rate(up[\" on source \"prom\": Prometheus "
                                                     "error bad_data (HTTP 400): 1:9: parse error");
        QTest::addRow("unreachable server")
            << QStringLiteral("down") << QStringLiteral("up")
            << QStringLiteral("annotation query \"up\" on source \"down\": cannot reach 127.0.0.1:");
        QTest::addRow("unknown source") << QStringLiteral("nope") << QStringLiteral("up")
                                        << QStringLiteral("annotation query \"up\" on source \"nope\": no Prometheus "
                                                          "data source \"nope\" is configured or ready");
    }

    void failuresNameTheQueryAndTheSource()
    {
        QFETCH(QString, sourceId);
        QFETCH(QString, expr);
        QFETCH(QString, reason);
        FakePrometheusServer server;
        QVERIFY(server.isListening());
        Clients clients;
        clients.add(QStringLiteral("prom"), server.url());
        clients.add(QStringLiteral("down"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedLoopbackPort())));
        AnnotationQueryRunner runner(clients.lookup());
        AnnotationQuerySpec failing = querySpec(expr);
        failing.sourceId = sourceId;
        // A good query next to it still answers.
        runner.setQueries({ failing, querySpec(QStringLiteral("up > 0")) });
        QSignalSpy ready(&runner, &AnnotationQueryRunner::annotationsReady);
        QSignalSpy failed(&runner, &AnnotationQueryRunner::queryFailed);
        const qint64 now = QDateTime::currentSecsSinceEpoch() * 1000;
        runner.run(now - 60'000, now, 4);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
        QCOMPARE(failed.count(), 1);
        const QString message = failed[0][0].toString();
        QVERIFY2(message.startsWith(reason), qPrintable(message));
        QCOMPARE(ready[0][2].value<QList<Annotation>>().size(), 1);
    }

    void aFailingQueryKeepsItsLastAnswer()
    {
        bool serverFails = false;
        ScriptedHttpServer server([&](const ScriptedHttpServer::Request&) {
            if (serverFails)
                return ScriptedHttpServer::Response { 503,
                    R"({"status":"error","errorType":"unavailable",)"
                    R"("error":"restarting"})" };
            return ScriptedHttpServer::Response { 200,
                R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[)"
                    + QByteArray::number(fromMs / 1000 + 15) + R"(,"1"]]}]}})" };
        });
        Clients clients;
        clients.add(QStringLiteral("prom"), server.url());
        AnnotationLog log;
        AnnotationQueryRunner runner(clients.lookup());
        runner.setLog(&log);
        runner.setQueries({ querySpec(QStringLiteral("up > 0")) });
        QSignalSpy ready(&runner, &AnnotationQueryRunner::annotationsReady);
        QSignalSpy failed(&runner, &AnnotationQueryRunner::queryFailed);
        runner.run(fromMs, fromMs + 40 * stepMs, 40);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
        QCOMPARE(log.size(), 1);

        serverFails = true;
        runner.run(fromMs, fromMs + 40 * stepMs, 40);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 10000);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed[0][0].toString().contains(QStringLiteral("restarting")), qPrintable(failed[0][0].toString()));
        QCOMPARE(log.size(), 1); // the mark does not vanish while the server is away
        QCOMPARE(ready[1][2].value<QList<Annotation>>(), log.all());

        // No queries any more: their marks go.
        runner.setQueries({});
        runner.run(fromMs, fromMs + 40 * stepMs, 40);
        QCOMPARE(ready.count(), 3);
        QCOMPARE(log.size(), 0);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestAnnotationQueryRunner)
#include "tst_annotationqueryrunner.moc"
