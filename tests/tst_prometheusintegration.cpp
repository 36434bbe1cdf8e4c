#include "AwaitPrometheus.h"
#include "BinaryRun.h"
#include "DemoSystem.h"
#include "HeadlessTestMain.h"
#include "LocalPrometheus.h"
#include "PrometheusClient.h"
#include "VariableResolver.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <optional>

using namespace perfdash;

// The real Prometheus (Debian package "prometheus") on a free loopback port with temporary storage,
// scraping a real `perfdash demo-server`, queried through PrometheusClient.
class TestPrometheusIntegration : public QObject {
    Q_OBJECT

    QProcess m_demo;
    std::unique_ptr<LocalPrometheus> m_prometheus;
    qint64 m_firstScrapeMs = 0;

    DataSourceSpec source() const
    {
        DataSourceSpec spec;
        spec.id = QStringLiteral("local");
        spec.kind = DataSourceKind::Prometheus;
        spec.url = m_prometheus->url();
        spec.queryTimeoutMs = 5000;
        return spec;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (LocalPrometheus::binary().isEmpty())
            QFAIL("the prometheus binary is missing: run scripts/setup-debian (Debian package prometheus)");
        m_demo.setProgram(QStringLiteral(PERFDASH_BINARY));
        m_demo.setArguments({ QStringLiteral("demo-server"), QStringLiteral("--tick-ms"), QStringLiteral("100") });
        m_demo.start();
        QVERIFY(m_demo.waitForStarted(5000));
        const QByteArray output = readOutputUntil(m_demo, QProcess::StandardOutput,
            [](const QByteArray& sofar) { return !outputField(sofar, QStringLiteral("metrics")).isEmpty(); });
        const QUrl metrics(outputField(output, QStringLiteral("metrics")));
        QVERIFY2(!metrics.isEmpty(), output.constData());

        m_prometheus = std::make_unique<LocalPrometheus>();
        QSignalSpy ready(m_prometheus.get(), &LocalPrometheus::ready);
        QString error;
        QVERIFY2(m_prometheus->start({ QStringLiteral("127.0.0.1:%1").arg(metrics.port()) }, 500, &error),
            qPrintable(error));
        QCOMPARE(m_prometheus->url().host(), QStringLiteral("127.0.0.1"));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);

        // Wait for the first scrape to be queryable, and note when that was.
        PrometheusClient client(source());
        QTRY_VERIFY_WITH_TIMEOUT(
            awaitAnswer(client,
                [](PrometheusClient& c, QObject* context, auto done) {
                    c.queryInstant(QStringLiteral("up{job=\"perfdash-demo\"} == 1"),
                        QDateTime::currentMSecsSinceEpoch(), context, std::move(done));
                }).result.series.size()
                == 1,
            20000);
        m_firstScrapeMs = QDateTime::currentMSecsSinceEpoch();
    }

    void cleanupTestCase()
    {
        m_prometheus.reset();
        m_demo.kill();
        m_demo.waitForFinished();
    }

    void buildInfoReportsTheVersion()
    {
        PrometheusClient client(source());
        const auto response = awaitAnswer(client,
            [](PrometheusClient& c, QObject* context, auto done) { c.testConnection(context, std::move(done)); });
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QVERIFY2(response.version.startsWith(QLatin1String("2.")), qPrintable(response.version));
    }

    void rangeQueryHasTheRightStepsAndPlausibleValues()
    {
        // Four seconds of scrapes after the first one, at a 0.5 s step: 9 points per series.
        QTest::qWait(int(std::max<qint64>(0, m_firstScrapeMs + 4500 - QDateTime::currentMSecsSinceEpoch())));
        const qint64 from = m_firstScrapeMs;
        const qint64 to = from + 4000;
        PrometheusClient client(source());
        const auto response = awaitAnswer(client, [&](PrometheusClient& c, QObject* context, auto done) {
            c.queryRange(QStringLiteral("process_resident_memory_bytes"), from, to, 0.5, context, std::move(done));
        });
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QCOMPARE(response.result.type, QueryResultType::Matrix);
        QCOMPARE(response.result.series.size(), 1);
        const QList<QPointF>& points = response.result.series[0].points;
        QCOMPARE(points.size(), 9);
        for (qsizetype i = 0; i < points.size(); ++i) {
            QCOMPARE(points[i].x(), double(from + i * 500));
            // The demo's memory runs around the seed's 512 MB.
            QVERIFY2(points[i].y() > 100e6 && points[i].y() < 2e9, qPrintable(QString::number(points[i].y())));
        }
    }

    void instantQueryOfARatio()
    {
        QTest::qWait(int(std::max<qint64>(0, m_firstScrapeMs + 3000 - QDateTime::currentMSecsSinceEpoch())));
        PrometheusClient client(source());
        const auto response = awaitAnswer(client, [](PrometheusClient& c, QObject* context, auto done) {
            c.queryInstant(
                QStringLiteral("sum by (cache_name) (rate(cache_requests_total{result=\"hit\"}[1m])) / sum by "
                               "(cache_name) (rate(cache_requests_total[1m]))"),
                QDateTime::currentMSecsSinceEpoch(), context, std::move(done));
        });
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QCOMPARE(response.result.type, QueryResultType::Vector);
        QVERIFY(!response.result.series.isEmpty());
        for (const QuerySeries& series : response.result.series) {
            QVERIFY(series.labels.contains(QStringLiteral("cache_name")));
            QCOMPARE(series.points.size(), 1);
            QVERIFY2(series.points[0].y() > 0.2 && series.points[0].y() < 1.0,
                qPrintable(QString::number(series.points[0].y())));
        }
    }

    void autocompleteListsHoldTheDemoMetrics()
    {
        PrometheusClient client(source());
        const auto names = awaitAnswer(client, [](PrometheusClient& c, QObject* context, auto done) {
            c.labelValues(QStringLiteral("__name__"), context, std::move(done));
        });
        QVERIFY2(names.ok(), qPrintable(names.message()));
        for (const char* metric :
            { "http_request_duration_seconds_bucket", "agent_execution_seconds_count", "cache_requests_total",
                "cache_hit_ratio", "llm_request_duration_seconds_sum", "process_resident_memory_bytes" })
            QVERIFY2(names.strings.contains(QLatin1String(metric)), metric);

        const auto labels = awaitAnswer(
            client, [](PrometheusClient& c, QObject* context, auto done) { c.labelNames(context, std::move(done)); });
        QVERIFY2(labels.ok(), qPrintable(labels.message()));
        for (const char* label : { "endpoint", "agent_name", "cache_name", "model", "le" })
            QVERIFY2(labels.strings.contains(QLatin1String(label)), label);

        const auto caches = awaitAnswer(client, [](PrometheusClient& c, QObject* context, auto done) {
            c.labelValues(QStringLiteral("cache_name"), context, std::move(done));
        });
        QVERIFY2(caches.ok(), qPrintable(caches.message()));
        QVERIFY(!caches.strings.isEmpty());

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto series = awaitAnswer(client, [now](PrometheusClient& c, QObject* context, auto done) {
            c.series(QStringLiteral("cache_requests_total"), now - 60'000, now, context, std::move(done));
        });
        QVERIFY2(series.ok(), qPrintable(series.message()));
        QVERIFY(!series.labelSets.isEmpty());
        QCOMPARE(series.labelSets[0].value(QStringLiteral("__name__")), QStringLiteral("cache_requests_total"));
    }

    // Behind a reverse proxy Prometheus lives under a path (--web.route-prefix): queries and autocomplete go
    // under it, and the same server without the prefix is a clear 404, not an empty chart.
    void aUrlWithAPathPrefixWorks()
    {
        LocalPrometheus prefixed;
        prefixed.setRoutePrefix(QStringLiteral("/prometheus"));
        QSignalSpy ready(&prefixed, &LocalPrometheus::ready);
        QString error;
        QVERIFY2(prefixed.start(m_prometheus->targets(), 500, &error), qPrintable(error));
        QCOMPARE(prefixed.url().path(), QStringLiteral("/prometheus"));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
        DataSourceSpec spec = source();
        spec.url = prefixed.url();
        PrometheusClient client(spec);
        QTRY_VERIFY_WITH_TIMEOUT(
            awaitAnswer(client,
                [](PrometheusClient& c, QObject* context, auto done) {
                    c.queryInstant(
                        QStringLiteral("up == 1"), QDateTime::currentMSecsSinceEpoch(), context, std::move(done));
                }).result.series.size()
                == 1,
            20000);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto range = awaitAnswer(client, [now](PrometheusClient& c, QObject* context, auto done) {
            c.queryRange(QStringLiteral("up"), now - 2000, now, 0.5, context, std::move(done));
        });
        QVERIFY2(range.ok(), qPrintable(range.message()));
        QCOMPARE(range.result.series.size(), 1);
        const auto names = awaitAnswer(client, [](PrometheusClient& c, QObject* context, auto done) {
            c.labelValues(QStringLiteral("__name__"), context, std::move(done));
        });
        QVERIFY2(names.ok(), qPrintable(names.message()));
        QVERIFY(names.strings.contains(QStringLiteral("cache_hit_ratio")));
        const auto labels = awaitAnswer(
            client, [](PrometheusClient& c, QObject* context, auto done) { c.labelNames(context, std::move(done)); });
        QVERIFY2(labels.ok(), qPrintable(labels.message()));
        QVERIFY(labels.strings.contains(QStringLiteral("cache_name")));

        spec.url.setPath(QString());
        PrometheusClient withoutPrefix(spec);
        const auto missing = awaitAnswer(withoutPrefix, [](PrometheusClient& c, QObject* context, auto done) {
            c.queryInstant(QStringLiteral("up"), QDateTime::currentMSecsSinceEpoch(), context, std::move(done));
        });
        QVERIFY(!missing.ok());
        QVERIFY2(missing.message().contains(QLatin1String("404")), qPrintable(missing.message()));
    }

    // A Grafana query variable filled as Grafana fills it: label values of the matching series, the earlier
    // variable's choice substituted in the later one's selector.
    void variablesResolveInOrder()
    {
        const DataSourceSpec spec = source();
        PrometheusClient client(spec);
        VariableResolver resolver([&](const QString& id) { return id == spec.id ? &client : nullptr; });
        DashboardVariable endpoint;
        endpoint.name = QStringLiteral("endpoint");
        endpoint.sourceId = spec.id;
        endpoint.query = QStringLiteral("label_values(http_request_duration_seconds_bucket, endpoint)");
        endpoint.current = QStringLiteral("/api/v1/trends");
        DashboardVariable bucket;
        bucket.name = QStringLiteral("le");
        bucket.sourceId = spec.id;
        bucket.query
            = QStringLiteral(R"(label_values(http_request_duration_seconds_bucket{endpoint="$endpoint"}, le))");
        bucket.includeAll = true;
        DashboardVariable missing;
        missing.name = QStringLiteral("nothing");
        missing.sourceId = spec.id;
        missing.query = QStringLiteral("label_values(no_such_metric, job)");
        resolver.setVariables({ endpoint, bucket, missing });
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        resolver.setTimeRange(now - 60'000, now);
        QSignalSpy resolved(&resolver, &VariableResolver::resolved);
        resolver.resolve();
        QTRY_COMPARE_WITH_TIMEOUT(resolved.count(), 1, 10000);
        QCOMPARE(resolver.options(0), DemoSystem::endpoints());
        QCOMPARE(resolver.choice(0), QStringLiteral("/api/v1/trends"));
        QVERIFY(resolver.options(1).contains(QStringLiteral("+Inf")));
        QCOMPARE(resolver.choice(1), DashboardVariable::allChoice());
        QVERIFY(resolver.options(2).isEmpty());
        QCOMPARE(resolver.problem(2), QStringLiteral("the server has no values for it"));
        const QHash<QString, QString> values = resolver.substitutions();
        QCOMPARE(values.value(QStringLiteral("endpoint")), QStringLiteral("/api/v1/trends"));
        QVERIFY(values.value(QStringLiteral("le")).startsWith(u'('));
        QVERIFY(values.value(QStringLiteral("le")).contains(QStringLiteral("\\+Inf|")));
    }

    // Grafana's provisioned dashboard of the demo's metrics, imported by the CLI and rendered by `snapshot`
    // against this Prometheus: every panel answers, with $endpoint and $__rate_interval resolved.
    void anImportedGrafanaDashboardRenders()
    {
        QTemporaryDir directory;
        const QString imported = directory.filePath(QStringLiteral("agent.perfdash.json"));
        const BinaryRun import = runBinary(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("import-grafana"), QStringLiteral(PERFDASH_GRAFANA_FIXTURES "/perf-agent-demo.json"),
                QStringLiteral("--out"), imported, QStringLiteral("--prometheus"), m_prometheus->url().toString() });
        QVERIFY2(import.exitCode == 0, import.err.constData());
        QVERIFY2(import.out.contains("panel type \"text\" not imported"), import.out.constData());

        const QString bundle = directory.filePath(QStringLiteral("bundle/"));
        const BinaryRun snapshot = runBinary(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("snapshot"), QStringLiteral("--dashboard"), imported, QStringLiteral("--out"), bundle,
                QStringLiteral("--range"), QStringLiteral("2m"), QStringLiteral("--wait"), QStringLiteral("20"),
                QStringLiteral("--var"), QStringLiteral("endpoint=/api/v1/analyze") },
            { headlessEnvironment(), 90'000 });
        QVERIFY2(snapshot.exitCode == 0, snapshot.err.constData());
        QVERIFY2(!snapshot.err.contains("variable $"), snapshot.err.constData());
        QFile csv(directory.filePath(QStringLiteral("bundle/01-api-response-time-p95-endpoint.csv")));
        if (!csv.open(QIODevice::ReadOnly)) {
            QDir listing(directory.filePath(QStringLiteral("bundle")));
            QFAIL(qPrintable(QStringLiteral("no API panel CSV in %1").arg(listing.entryList().join(u' '))));
        }
        const QByteArray rows = csv.readAll();
        // Only the chosen endpoint: $endpoint was substituted, not sent to Prometheus as text.
        QVERIFY2(rows.contains("/api/v1/analyze") && !rows.contains("/api/v1/trends"), rows.left(400).constData());
    }

    void badPromQLShowsTheServersMessage()
    {
        PrometheusClient client(source());
        const auto response = awaitAnswer(client, [](PrometheusClient& c, QObject* context, auto done) {
            c.queryInstant(
                QStringLiteral("sum(rate(x[1m]"), QDateTime::currentMSecsSinceEpoch(), context, std::move(done));
        });
        QCOMPARE(response.kind, PrometheusResponse::Kind::ServerError);
        QCOMPARE(response.errorType, QStringLiteral("bad_data"));
        QVERIFY2(
            response.message().startsWith(QLatin1String("Prometheus error bad_data (HTTP 400): invalid parameter")),
            qPrintable(response.message()));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestPrometheusIntegration)
#include "tst_prometheusintegration.moc"
