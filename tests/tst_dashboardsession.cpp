#include "ChartPanel.h"
#include "DashboardActions.h"
#include "DashboardFile.h"
#include "DashboardView.h"
#include "DemoServer.h"
#include "FakePrometheusServer.h"
#include "GuiSession.h"
#include "HeadlessTestMain.h"
#include "LocalPrometheus.h"
#include "LoopbackPort.h"
#include "MainWindow.h"
#include "PanelEditorDialog.h"
#include "PanelQueryRunner.h"
#include "PromQLCompleter.h"
#include "PrometheusPage.h"
#include "Scorecard.h"
#include "StartedSession.h"
#include "StreamSource.h"
#include "VariableBar.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace perfdash;

// The app runs whatever dashboard it was given: one StreamSource per stream source of the file, all into the
// one store, the embedded demo only when the dashboard asks for it, and sources restarted on File → Open.
class TestDashboardSession : public QObject {
    Q_OBJECT

    static DataSourceSpec stream(const QString& id, const QUrl& url)
    {
        DataSourceSpec source;
        source.id = id;
        source.url = url;
        return source;
    }

    static DashboardSpec dashboardOf(const QList<DataSourceSpec>& sources)
    {
        DashboardSpec dashboard = defaultDashboard();
        dashboard.sources = sources;
        return dashboard;
    }

    static DashboardSpec promDashboard(const QUrl& url)
    {
        DashboardSpec dashboard = dashboardOf({ stream(QStringLiteral("demo"), embeddedDemoUrl()) });
        DataSourceSpec prom;
        prom.id = QStringLiteral("prom");
        prom.kind = DataSourceKind::Prometheus;
        prom.url = url;
        dashboard.sources << prom;
        PanelSpec panel;
        panel.title = QStringLiteral("p95 (PromQL)");
        panel.sourceId = prom.id;
        panel.query = QStringLiteral("histogram_quantile(0.95, rate(x_bucket[1m]))");
        panel.unit = QStringLiteral("s");
        panel.target = { 2.0, 1.6, Direction::LowerIsBetter };
        dashboard.panels.prepend(panel);
        dashboard.timeRangeMs = 15 * 60'000;
        dashboard.refreshIntervalMs = 15'000;
        return dashboard;
    }

private Q_SLOTS:
    void dashboardPromQLPanelsAreQueried()
    {
        FakePrometheusServer server;
        QVERIFY(server.isListening());
        GuiOptions options;
        options.dashboard = promDashboard(server.url());
        StartedSession session(options);
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        ChartPanel* panel = session.window()->dashboard()->panels().value(0);
        QVERIFY(panel);
        QTRY_COMPARE_WITH_TIMEOUT(panel->currentValue(), 1.25, 10000);
        QCOMPARE(panel->queryMessage(), QString());
        QCOMPARE(panel->visibleSeries().value(0).name, QStringLiteral("/a"));
        QCOMPARE(panel->visibleSeries().value(0).points.size(), 2);
        // The dashboard's time range and refresh drive the queries.
        QCOMPARE(session.dashboardQueries()->settings().lastMs, 15 * 60'000);
        QCOMPARE(session.dashboardQueries()->settings().refreshMs, 15'000);
    }

    void panelEditorCompletesPromQLFromThePanelsSource()
    {
        FakePrometheusServer server;
        QVERIFY(server.isListening());
        GuiOptions options;
        options.dashboard = promDashboard(server.url());
        StartedSession session(options);
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        // What Panel → Edit opens for the PromQL panel.
        std::unique_ptr<PanelEditorDialog> editor(
            session.window()->dashboardActions()->createPanelEditor(0, session.window()));
        QCOMPARE(editor->sourceId(), QStringLiteral("prom"));
        editor->show();
        QVERIFY(QTest::qWaitForWindowActive(editor.get()));
        QLineEdit* query = editor->queryEdit();
        auto* completer = query->findChild<PromQLCompleter*>();
        QVERIFY(completer);
        query->clear();
        query->setFocus();
        QTest::keyClicks(query, QStringLiteral("http_req"));
        const auto* model = qobject_cast<QStringListModel*>(completer->completer()->model());
        QVERIFY(model);
        QTRY_VERIFY_WITH_TIMEOUT(!model->stringList().isEmpty(), 10000);
        for (const char* metric :
            { "cache_requests_total", "http_request_duration_seconds_bucket", "http_requests_total" })
            QVERIFY2(model->stringList().contains(QLatin1String(metric)), metric);
        QCOMPARE(completer->completer()->completionCount(), 2);
        QCOMPARE(completer->candidates(),
            QStringList(
                { QStringLiteral("http_request_duration_seconds_bucket"), QStringLiteral("http_requests_total") }));
        // Label values of the same server.
        query->clear();
        QTest::keyClicks(query, QStringLiteral("rate(http_requests_total{endpoint=\""));
        QTRY_COMPARE_WITH_TIMEOUT(
            completer->candidates(), QStringList({ QStringLiteral("/a"), QStringLiteral("/b") }), 10000);
        // Choosing the stream source forgets the server's lists.
        editor->sourceChoice()->setCurrentIndex(editor->sourceChoice()->findData(QStringLiteral("demo")));
        QCOMPARE(completer->candidates(), QStringList());
    }

    // File → Import Grafana Dashboard: the import runs against the shown dashboard's Prometheus, the
    // variables appear as dropdowns filled from the server, and a choice reaches the queries and the file.
    void anImportedGrafanaDashboardHasItsVariablesOnTheToolbar()
    {
        FakePrometheusServer server;
        QVERIFY(server.isListening());
        GuiOptions options;
        options.dashboard = promDashboard(server.url());
        StartedSession session(options);
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        QVERIFY(!session.window()->variableBar()->isVisibleTo(session.window()));
        QString report;
        QString error;
        QVERIFY2(session.window()->dashboardActions()->importGrafana(
                     QStringLiteral(PERFDASH_GRAFANA_FIXTURES "/perf-agent-demo.json"), &report, &error),
            qPrintable(error));
        QVERIFY(report.contains(QStringLiteral("panel type \"text\" not imported")));
        const DashboardSpec shown = session.window()->dashboardActions()->dashboard();
        QCOMPARE(shown.sources.value(0).url, server.url());
        QVERIFY(session.window()->dashboardActions()->isModified());

        VariableBar* bar = session.window()->variableBar();
        QVERIFY(bar->isVisibleTo(session.window()));
        QCOMPARE(bar->count(), 2);
        // The fake server offers /a and /b for any label's values: All first, then the two.
        QTRY_COMPARE_WITH_TIMEOUT(bar->box(0)->count(), 3, 10000);
        QCOMPARE(bar->box(0)->currentText(), DashboardVariable::allChoice());
        ChartPanel* api = session.window()->dashboard()->panels().value(0);
        QVERIFY(api);
        QTRY_COMPARE_WITH_TIMEOUT(api->scorecard()->titleText(), QStringLiteral("API response time p95 (All)"), 10000);
        const auto sentWith = [&server](const QByteArray& text) {
            for (const ScriptedHttpServer::Request& request : server.requests()) {
                if (request.target.contains("query_range")
                    && QUrl::fromPercentEncoding(request.target).contains(QString::fromLatin1(text)))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(sentWith(R"q(endpoint=~"(/a|/b)")q"), 10000);
        QVERIFY(!sentWith("$endpoint"));
        QVERIFY(!sentWith("$__rate_interval"));

        bar->box(0)->setCurrentIndex(bar->box(0)->findText(QStringLiteral("/b")));
        Q_EMIT bar->box(0)->textActivated(QStringLiteral("/b"));
        QTRY_VERIFY_WITH_TIMEOUT(sentWith(R"(endpoint=~"/b")"), 10000);
        QCOMPARE(api->scorecard()->titleText(), QStringLiteral("API response time p95 (/b)"));
        QCOMPARE(session.window()->dashboardActions()->dashboard().variables.value(0).current, QStringLiteral("/b"));
    }

    void completionsSurviveAnotherSourceChanging()
    {
        // The app's own Prometheus coming up re-applies the sources; a client whose settings did not change
        // must keep answering what it was asked (this lost the editor's completions now and then).
        FakePrometheusServer server;
        QVERIFY(server.isListening());
        const DashboardSpec dashboard = promDashboard(server.url());
        PanelQueryRunner queries;
        queries.setSources(dashboard.sources);
        QStringList answer;
        QObject context;
        queries.lookupCompletions(
            QStringLiteral("prom"), QStringLiteral("endpoint"), &context, [&](const QStringList& words) { answer = words; });
        DataSourceSpec other;
        other.id = QStringLiteral("local");
        other.kind = DataSourceKind::Prometheus;
        other.url = QUrl(QStringLiteral("http://127.0.0.1:1"));
        queries.setSources(dashboard.sources + QList<DataSourceSpec> { other });
        QTRY_COMPARE_WITH_TIMEOUT(answer, QStringList({ QStringLiteral("/a"), QStringLiteral("/b") }), 10000);
    }

    void unreachablePrometheusIsShownOnTheDashboardPanel()
    {
        const quint16 port = closedLoopbackPort();
        QVERIFY(port != 0);
        GuiOptions options;
        options.dashboard = promDashboard(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        StartedSession session(options);
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        QString error;
        ChartPanel* panel = session.window()->dashboard()->panels().value(0);
        QTRY_COMPARE_WITH_TIMEOUT(
            panel->queryMessage(), QStringLiteral("cannot reach 127.0.0.1:%1: connection refused").arg(port), 10000);
        // File → Open of another dashboard builds new panels; they are queried too.
        DashboardSpec other = options.dashboard;
        other.name = QStringLiteral("other");
        other.panels[0].title = QStringLiteral("renamed");
        QVERIFY2(session.openDashboard(other, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(session.window()->dashboard()->panels().value(0)->queryMessage(),
            QStringLiteral("cannot reach 127.0.0.1:%1: connection refused").arg(port), 10000);
    }

    void timeRangeAndRefreshComeFromTheFileAndGoBackIntoIt()
    {
        GuiOptions options;
        options.dashboard = promDashboard(QUrl(QStringLiteral("http://127.0.0.1:9")));
        options.dashboard.timeRangeMs = 90'000; // not in the toolbar's list: added to it
        StartedSession session(options);
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        QString error;
        MainWindow* window = session.window();
        QCOMPARE(window->windowChoice()->currentText(), QStringLiteral("90s"));
        QCOMPARE(window->refreshChoice()->currentText(), QStringLiteral("15 s"));
        const auto navigation = [window] {
            return window->findChild<QLabel*>(QStringLiteral("navigationText"))->text().trimmed();
        };
        QCOMPARE(navigation(), QStringLiteral("live · last 90s")); // the toolbar says which window is live
        QCOMPARE(window->dashboard()->windowMs(), 90'000);
        QCOMPARE(session.dashboardQueries()->settings().lastMs, 90'000);

        // The user picks 1 h and 1 m: the dashboard (and its file, on save) and the queries follow.
        window->windowChoice()->setCurrentIndex(window->windowChoice()->findData(qint64(3'600'000)));
        window->refreshChoice()->setCurrentIndex(window->refreshChoice()->findData(60'000));
        DashboardActions* actions = window->dashboardActions();
        QVERIFY(actions->isModified());
        QCOMPARE(actions->dashboard().timeRangeMs, 3'600'000);
        QCOMPARE(actions->dashboard().refreshIntervalMs, 60'000);
        QCOMPARE(window->dashboard()->windowMs(), 3'600'000);
        QCOMPARE(session.dashboardQueries()->settings().lastMs, 3'600'000);
        QCOMPARE(navigation(), QStringLiteral("live · last 1h"));
        QCOMPARE(session.dashboardQueries()->settings().refreshMs, 60'000);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.perfdash.json"));
        QVERIFY2(actions->saveTo(path, &error), qPrintable(error));
        const DashboardLoadResult saved = DashboardFile::loadFile(path);
        QVERIFY2(saved.dashboard, qPrintable(saved.error));
        QCOMPARE(saved.dashboard->timeRangeMs, 3'600'000);
        QCOMPARE(saved.dashboard->refreshIntervalMs, 60'000);

        // Opening a file applies its range and refresh.
        DashboardSpec opened = options.dashboard;
        opened.timeRangeMs = 5 * 60'000;
        opened.refreshIntervalMs = 0;
        QVERIFY2(session.openDashboard(opened, &error), qPrintable(error));
        QCOMPARE(window->windowChoice()->currentText(), QStringLiteral("5 m"));
        QCOMPARE(window->refreshChoice()->currentText(), QStringLiteral("off"));
        QCOMPARE(navigation(), QStringLiteral("live · last 5m"));
        QCOMPARE(session.dashboardQueries()->settings().refreshMs, 0);
    }

    void everyStreamSourceFeedsTheStore()
    {
        // Two independent servers, each in a different scenario; no embedded demo is started.
        DemoServerOptions first;
        DemoServerOptions second;
        second.scenario = DemoScenario::Optimized;
        second.seed = 7;
        DemoServer serverA(first);
        DemoServer serverB(second);
        QString error;
        QVERIFY2(serverA.start(&error), qPrintable(error));
        QVERIFY2(serverB.start(&error), qPrintable(error));

        GuiOptions options;
        options.dashboard = dashboardOf(
            { stream(QStringLiteral("a"), serverA.streamUrl()), stream(QStringLiteral("b"), serverB.streamUrl()) });
        StartedSession session(options);
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        const QList<StreamSource*> sources = session.streamSources();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources[0]->url(), serverA.streamUrl());
        QCOMPARE(sources[1]->url(), serverB.streamUrl());
        for (StreamSource* source : sources)
            QTRY_VERIFY_WITH_TIMEOUT(source->counters().samplesStored > 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(serverA.clientCount(), 1, 5000);
        QCOMPARE(serverB.clientCount(), 1);

        // The status bar speaks for both streams: a dead one is never hidden behind a live one, and the
        // counters are both streams' totals.
        MainWindow* window = session.window();
        QTRY_COMPARE_WITH_TIMEOUT(window->connectionText(), QStringLiteral("● live: all 2 streams"), 5000);
        serverB.stop();
        const QString prefix = QStringLiteral("● ") + sources[1]->url().toString() + QStringLiteral(": reconnecting");
        QTRY_VERIFY2_WITH_TIMEOUT(
            window->connectionText().startsWith(prefix), qPrintable(window->connectionText()), 5000);
        QVERIFY2(window->connectionText().endsWith(QStringLiteral(" · 1 of 2 streams live")),
            qPrintable(window->connectionText()));
        const quint64 bothStored = sources[0]->counters().samplesStored + sources[1]->counters().samplesStored;
        QTRY_VERIFY2_WITH_TIMEOUT(window->countersText().section(u' ', 1, 1).toULongLong() >= bothStored,
            qPrintable(window->countersText()), 5000);
    }

    void theAppsPrometheusFollowsARestartedDemo()
    {
        if (LocalPrometheus::binary().isEmpty())
            QSKIP("no prometheus binary (scripts/setup-debian installs it)");
        // The default dashboard: the embedded demo, scraped by the app's own Prometheus.
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        QString error;
        const LocalPrometheus* local = session.prometheusPage()->localPrometheus();
        QVERIFY(local);
        const auto demoTarget
            = [&] { return QStringList { QStringLiteral("127.0.0.1:%1").arg(session.demoMetricsPort()) }; };
        QCOMPARE(local->targets(), demoTarget());

        // Another dashboard's stream replaces the demo; going back starts a new demo, on another port.
        DemoServer server(DemoServerOptions {});
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY2(session.openDashboard(dashboardOf({ stream(QStringLiteral("own"), server.streamUrl()) }), &error),
            qPrintable(error));
        QCOMPARE(session.demoMetricsPort(), quint16(0));
        QVERIFY2(session.openDashboard(dashboardOf({ stream(QStringLiteral("demo"), embeddedDemoUrl()) }), &error),
            qPrintable(error));
        QVERIFY(session.demoMetricsPort() != 0);
        local = session.prometheusPage()->localPrometheus();
        QVERIFY(local);
        QCOMPARE(local->targets(), demoTarget());
    }

    void openingADashboardRestartsChangedSources()
    {
        DemoServer server(DemoServerOptions {});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));

        GuiOptions options;
        options.dashboard = dashboardOf({ stream(QStringLiteral("demo"), embeddedDemoUrl()) });
        StartedSession session(options);
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        QCOMPARE(session.streamSources().size(), 1);
        const QUrl demoUrl = session.streamSources().first()->url();
        QCOMPARE(demoUrl.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(demoUrl != server.streamUrl());

        // Editing panels keeps the sources running as they are.
        DashboardActions* actions = session.window()->dashboardActions();
        actions->removePanel(0);
        QCOMPARE(session.streamSources().first()->url(), demoUrl);

        // A dashboard on another stream (as File → Open does) swaps the demo for it.
        DashboardSpec other = dashboardOf({ stream(QStringLiteral("own"), server.streamUrl()) });
        other.name = QStringLiteral("other");
        QVERIFY2(session.openDashboard(other, &error), qPrintable(error));
        QCOMPARE(session.streamSources().size(), 1);
        QCOMPARE(session.streamSources().first()->url(), server.streamUrl());
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 10000);
        QCOMPARE(session.window()->dashboard()->dashboardSpec().name, QStringLiteral("other"));
    }
};

PERFDASH_TEST_MAIN(TestDashboardSession)
#include "tst_dashboardsession.moc"
