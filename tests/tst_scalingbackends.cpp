#include "AwaitPrometheus.h"
#include "BinaryRun.h"
#include "HeadlessTestMain.h"
#include "PanelQueryRunner.h"
#include "PrometheusClient.h"
#include "PrometheusDashboard.h"
#include "QueryTimeSettings.h"
#include "ServerProcess.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace perfdash;

// perfdash past one machine, through the backends the README names, for real on loopback:
//  - VictoriaMetrics 1.79 (Debian victoria-metrics) scraping the demo with its -promscrape.config, under the
//    default Prometheus dashboard unchanged;
//  - Prometheus 2.42 federation: two leaf servers scraping a baseline and an optimized demo, a global server
//    scraping their /federate with honor_labels, and a dashboard on the global one telling the two apart.
class TestScalingBackends : public QObject {
    Q_OBJECT

    QProcess m_baseline;
    QProcess m_optimized;
    QString m_baselineTarget; // 127.0.0.1:PORT of its /metrics
    QString m_optimizedTarget;

    static QString startDemo(QProcess& demo, const QString& scenario)
    {
        demo.setProgram(QStringLiteral(PERFDASH_BINARY));
        demo.setArguments({ QStringLiteral("demo-server"), QStringLiteral("--scenario"), scenario,
            QStringLiteral("--tick-ms"), QStringLiteral("100") });
        demo.start();
        if (!demo.waitForStarted(5000))
            return {};
        const QByteArray output = readOutputUntil(demo, QProcess::StandardOutput,
            [](const QByteArray& sofar) { return !outputField(sofar, QStringLiteral("metrics")).isEmpty(); });
        const QUrl metrics(outputField(output, QStringLiteral("metrics")));
        return QStringLiteral("127.0.0.1:%1").arg(metrics.port());
    }

    static DataSourceSpec sourceAt(const QString& id, const QUrl& url)
    {
        DataSourceSpec source;
        source.id = id;
        source.kind = DataSourceKind::Prometheus;
        source.url = url;
        source.queryTimeoutMs = 5000;
        return source;
    }

    // The dashboard's PromQL panels as the app runs them, refreshed each second until every panel has lines
    // (or timeoutMs): their last states.
    static QList<PanelQueryState> runPanels(const DashboardSpec& dashboard, int timeoutMs)
    {
        PanelQueryRunner runner;
        runner.setPanels([&dashboard] {
            QList<PanelQuery> panels;
            for (const PanelSpec& spec : dashboard.panels)
                panels.append({ spec, 600 });
            return panels;
        });
        QueryTimeSettings settings;
        settings.lastMs = 2 * 60'000;
        settings.refreshMs = 0;
        runner.setSettings(settings);
        runner.setSources(dashboard.sources);
        runner.start();
        const auto states = [&] {
            QList<PanelQueryState> all;
            for (int index = 0; index < dashboard.panels.size(); ++index)
                all << runner.lastState(index);
            return all;
        };
        const auto allDrawn = [&] {
            const QList<PanelQueryState> all = states();
            return std::all_of(all.cbegin(), all.cend(), [](const PanelQueryState& state) {
                return state.phase == PanelQueryState::Phase::Loaded && !state.lines.isEmpty()
                    && !std::isnan(state.instantValue);
            });
        };
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            // A slow answer is asked again below; the states say what it was.
            if (!QTest::qWaitFor([&] { return !runner.isBusy(); }, 10000))
                continue;
            if (allDrawn())
                break;
            QTest::qWait(1000);
            runner.refreshNow();
        }
        return states();
    }

    static void verifyEveryPanelDrawn(const DashboardSpec& dashboard, const QList<PanelQueryState>& states)
    {
        for (int index = 0; index < dashboard.panels.size(); ++index) {
            const PanelQueryState& state = states[index];
            const QString what = QStringLiteral("%1: %2").arg(dashboard.panels[index].title, state.message);
            QVERIFY2(state.phase == PanelQueryState::Phase::Loaded, qPrintable(what));
            QVERIFY2(!state.lines.isEmpty(), qPrintable(what));
            QVERIFY2(!std::isnan(state.instantValue), qPrintable(what));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_baselineTarget = startDemo(m_baseline, QStringLiteral("baseline"));
        m_optimizedTarget = startDemo(m_optimized, QStringLiteral("optimized"));
        QVERIFY(!m_baselineTarget.isEmpty() && !m_optimizedTarget.isEmpty());
    }

    void cleanupTestCase()
    {
        for (QProcess* demo : { &m_baseline, &m_optimized }) {
            demo->kill();
            demo->waitForFinished();
        }
    }

    void victoriaMetricsRunsTheDefaultDashboard()
    {
        ServerProcess vm;
        QVERIFY(vm.writeFile(QStringLiteral("scrape.yml"),
            QStringLiteral("global: { scrape_interval: 1s }\n"
                           "scrape_configs:\n"
                           "  - job_name: perfdash-demo\n"
                           "    static_configs: [ { targets: ['%1'] } ]\n")
                .arg(m_baselineTarget)
                .toUtf8()));
        QString error;
        // -search.latencyOffset hides the newest 30 s from queries by default; 1 s keeps this test short.
        QVERIFY2(vm.start(QStringLiteral("victoria-metrics"),
                     { QStringLiteral("-storageDataPath=") + vm.filePath(QStringLiteral("data")),
                         QStringLiteral("-httpListenAddr=127.0.0.1:%1").arg(vm.port()),
                         QStringLiteral("-promscrape.config=") + vm.filePath(QStringLiteral("scrape.yml")),
                         QStringLiteral("-search.latencyOffset=1s"), QStringLiteral("-retentionPeriod=1d") },
                     QStringLiteral("/health"), 30000, &error),
            qPrintable(error));
        const DataSourceSpec source = sourceAt(QStringLiteral("vm"), vm.url());
        PrometheusClient client(source);

        // buildinfo answers with an empty object: connected, version not given.
        const auto info = awaitAnswer(
            client, [](PrometheusClient& c, QObject* context, auto done) { c.testConnection(context, std::move(done)); });
        QVERIFY2(info.ok(), qPrintable(info.message()));
        QCOMPARE(info.version, QStringLiteral("not given"));

        DashboardSpec dashboard = prometheusDashboard(source.id, vm.url());
        const QList<PanelQueryState> states = runPanels(dashboard, 60000);
        verifyEveryPanelDrawn(dashboard, states);

        // VictoriaMetrics allows 30,000 points per series where Prometheus allows 11,000; perfdash's step
        // keeps every query under the lower one, so a day at one point per pixel of a wide screen passes both.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const double step = queryStepSeconds(24 * 3600'000, 100'000, 0);
        const auto day = awaitAnswer(client, [&](PrometheusClient& c, QObject* context, auto done) {
            c.queryRange(QStringLiteral("up"), now - 24 * 3600'000, now, step, context, std::move(done));
        });
        QVERIFY2(day.ok(), qPrintable(day.message()));
        QVERIFY(day.result.series.value(0).points.size() <= maxPointsPerSeries);

        // Its errors are HTTP 422 with the status as errorType, not Prometheus's 400 bad_data: shown as they come.
        const auto bad = awaitAnswer(client, [now](PrometheusClient& c, QObject* context, auto done) {
            c.queryInstant(QStringLiteral("sum(rate(x[1m]"), now, context, std::move(done));
        });
        QVERIFY(!bad.ok());
        QVERIFY2(bad.message().contains(QStringLiteral("422")), qPrintable(bad.message()));

        // Label values with match[], which autocomplete and dashboard variables use.
        const auto endpoints = awaitAnswer(client, [now](PrometheusClient& c, QObject* context, auto done) {
            c.labelValues(QStringLiteral("endpoint"), QStringLiteral("http_request_duration_seconds_bucket"),
                now - 60'000, now, context, std::move(done));
        });
        QVERIFY2(endpoints.ok(), qPrintable(endpoints.message()));
        QCOMPARE(endpoints.strings, QStringList({ QStringLiteral("/api/v1/analyze"), QStringLiteral("/api/v1/trends") }));
    }

    void federationKeepsTheLeavesApart()
    {
        const auto leafConfig = [](const QString& leaf, const QString& target) {
            return QStringLiteral("global: { scrape_interval: 1s, external_labels: { leaf: %1 } }\n"
                                  "scrape_configs:\n"
                                  "  - job_name: perfdash-demo\n"
                                  "    static_configs: [ { targets: ['%2'] } ]\n")
                .arg(leaf, target)
                .toUtf8();
        };
        const auto prometheusArguments = [](const ServerProcess& server) {
            return QStringList { QStringLiteral("--config.file=") + server.filePath(QStringLiteral("prometheus.yml")),
                QStringLiteral("--storage.tsdb.path=") + server.filePath(QStringLiteral("data")),
                QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(server.port()) };
        };
        ServerProcess baselineLeaf;
        ServerProcess optimizedLeaf;
        ServerProcess global;
        QVERIFY(baselineLeaf.writeFile(QStringLiteral("prometheus.yml"), leafConfig(QStringLiteral("baseline"), m_baselineTarget)));
        QVERIFY(optimizedLeaf.writeFile(QStringLiteral("prometheus.yml"), leafConfig(QStringLiteral("optimized"), m_optimizedTarget)));
        QVERIFY(global.writeFile(QStringLiteral("prometheus.yml"),
            QStringLiteral("global: { scrape_interval: 1s }\n"
                           "scrape_configs:\n"
                           "  - job_name: federate\n"
                           "    honor_labels: true\n"
                           "    metrics_path: /federate\n"
                           "    params: { 'match[]': [ '{job=\"perfdash-demo\"}' ] }\n"
                           "    static_configs: [ { targets: ['127.0.0.1:%1', '127.0.0.1:%2'] } ]\n")
                .arg(baselineLeaf.port())
                .arg(optimizedLeaf.port())
                .toUtf8()));
        QString error;
        for (ServerProcess* server : { &baselineLeaf, &optimizedLeaf, &global })
            QVERIFY2(server->start(QStringLiteral("prometheus"), prometheusArguments(*server), QStringLiteral("/-/ready"),
                         30000, &error),
                qPrintable(error));

        // The default dashboard against the global server: every panel has data from the leaves.
        DashboardSpec dashboard = prometheusDashboard(QStringLiteral("global"), global.url());
        verifyEveryPanelDrawn(dashboard, runPanels(dashboard, 60000));

        // A panel split by the leaves' external label: one line per demo, the optimized one faster, and the
        // demos' own instance labels kept (honor_labels), not replaced by the leaves' addresses.
        PanelSpec byLeaf = dashboard.panels.first();
        byLeaf.title = QStringLiteral("API p95 by leaf");
        byLeaf.query = QStringLiteral(
            "histogram_quantile(0.95, sum by (le, leaf, instance) (rate(http_request_duration_seconds_bucket[1m])))");
        byLeaf.legendFormat = QStringLiteral("{{leaf}} {{instance}}");
        dashboard.panels = { byLeaf };
        // Both leaves' series, once the global server has scraped each of them twice (rate() needs two samples).
        QList<PanelQueryState> states;
        QTRY_VERIFY_WITH_TIMEOUT((states = runPanels(dashboard, 5000), states[0].lines.size() == 2), 30000);
        verifyEveryPanelDrawn(dashboard, states);
        QStringList names;
        for (const PanelLine& line : states[0].lines)
            names << line.name;
        names.sort();
        QCOMPARE(names,
            QStringList({ QStringLiteral("baseline ") + m_baselineTarget, QStringLiteral("optimized ") + m_optimizedTarget }));
        const auto meanOf = [&](const QString& leaf) {
            for (const PanelLine& line : states[0].lines) {
                if (!line.name.startsWith(leaf) || line.points.isEmpty())
                    continue;
                double sum = 0;
                for (const QPointF& point : line.points)
                    sum += point.y();
                return sum / double(line.points.size());
            }
            return std::nan("");
        };
        // The demo's optimized build answers in about 1.5 s at p95, the baseline in about 2 s.
        QVERIFY2(meanOf(QStringLiteral("optimized")) < meanOf(QStringLiteral("baseline")),
            qPrintable(QStringLiteral("%1 vs %2").arg(meanOf(QStringLiteral("optimized"))).arg(meanOf(QStringLiteral("baseline")))));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestScalingBackends)
#include "tst_scalingbackends.moc"
