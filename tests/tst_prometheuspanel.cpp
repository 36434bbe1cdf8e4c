#include "ChartPanel.h"
#include "DashboardFile.h"
#include "DashboardView.h"
#include "DataSourceDialog.h"
#include "HeadlessTestMain.h"
#include "LoopbackPort.h"
#include "PromQLCompleter.h"
#include "PrometheusDashboard.h"
#include "PanelQueryBinding.h"
#include "PanelQueryRunner.h"
#include "QueryTimeBar.h"
#include "QueryTimeSettings.h"
#include "ScriptedHttpServer.h"
#include "TimeSeriesStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace perfdash;

// Every request gets a two-point range (query_range) or one instant value (query) at the current time.
static ScriptedHttpServer::Response twoPointsOrOneValue(const ScriptedHttpServer::Request& request)
{
    const QByteArray now = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray before = QByteArray::number(QDateTime::currentSecsSinceEpoch() - 30);
    if (request.method == "GET" && request.target.startsWith("/api/v1/query_range")) {
        return { 200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[["
                + before + ",\"1\"],[" + now + ",\"2\"]]}]}}" };
    }
    return { 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[" + now
            + ",\"2\"]}]}}" };
}

// PromQL panels in the window: what they draw (gaps as gaps), what they say when they cannot draw, the
// step they ask for, the data source dialog, and that saved dashboards hold secret references only.
class TestPrometheusPanel : public QObject {
    Q_OBJECT

    static PanelSpec promPanel()
    {
        return prometheusDashboard(QStringLiteral("prom"), QUrl(QStringLiteral("http://127.0.0.1:9"))).panels.value(0);
    }

private Q_SLOTS:
    void stepIsAboutOnePointPerPixelAndNeverOverTheLimit_data()
    {
        QTest::addColumn<qint64>("rangeMs");
        QTest::addColumn<int>("pixels");
        QTest::addColumn<double>("override");
        QTest::addColumn<double>("step");
        QTest::addRow("5 m on 300 px") << qint64(300'000) << 300 << 0.0 << 1.0;
        QTest::addRow("24 h on 800 px") << qint64(86'400'000) << 800 << 0.0 << 108.0;
        QTest::addRow("override kept") << qint64(3'600'000) << 800 << 15.0 << 15.0;
        QTest::addRow("override capped at 11000 points") << qint64(86'400'000) << 800 << 1.0 << 7.856;
        QTest::addRow("huge screen capped") << qint64(86'400'000) << 20'000 << 0.0 << 7.856;
    }

    void stepIsAboutOnePointPerPixelAndNeverOverTheLimit()
    {
        QFETCH(qint64, rangeMs);
        QFETCH(int, pixels);
        QFETCH(double, override);
        QFETCH(double, step);
        const double chosen = queryStepSeconds(rangeMs, pixels, override);
        QCOMPARE(chosen, step);
        QVERIFY(std::floor(double(rangeMs) / 1000.0 / chosen) + 1 <= maxPointsPerSeries);
    }

    void gapsDrawAsGaps()
    {
        ChartPanel panel(promPanel());
        panel.show();
        PanelQueryState state;
        state.phase = PanelQueryState::Phase::Loaded;
        state.fromMs = 1'700'000'000'000;
        state.toMs = state.fromMs + 60'000;
        state.stepMs = 10'000;
        // 20 s is missing: two runs. The other series has a NaN in the middle: also two runs.
        state.lines = {
            { QStringLiteral("/api/v1/analyze"),
                { { 1'700'000'000'000.0, 1.5 }, { 1'700'000'010'000.0, 1.6 }, { 1'700'000'030'000.0, 1.7 },
                    { 1'700'000'040'000.0, 1.8 } } },
            { QStringLiteral("/api/v1/trends"),
                { { 1'700'000'000'000.0, 1.0 }, { 1'700'000'010'000.0, std::nan("") }, { 1'700'000'020'000.0, 1.2 } } }
        };
        state.instantValue = 1.8;
        panel.setQueryState(state);
        QCOMPARE(panel.drawnLineCount(), 4);
        QCOMPARE(panel.pointCount(), 6);
        QTRY_COMPARE(
            panel.legendLabels(), QStringList({ QStringLiteral("/api/v1/analyze"), QStringLiteral("/api/v1/trends") }));
        QCOMPARE(panel.currentValue(), 1.8);
        QCOMPARE(panel.queryMessage(), QStringLiteral("1 NaN/±Inf values not drawn (kept in the data)"));

        // The next answer has no gap: the second runs are emptied, not left behind.
        state.lines
            = { { QStringLiteral("/api/v1/analyze"), { { 1'700'000'000'000.0, 1.5 }, { 1'700'000'010'000.0, 1.6 } } } };
        panel.setQueryState(state);
        QCOMPARE(panel.drawnLineCount(), 1);
        QCOMPARE(panel.queryMessage(), QString());
    }

    void loneSampleIsDrawnAsAMarker()
    {
        ChartPanel panel(promPanel());
        panel.resize(640, 360);
        panel.show();
        PanelQueryState state;
        state.phase = PanelQueryState::Phase::Loaded;
        state.fromMs = 1'700'000'000'000;
        state.toMs = state.fromMs + 60'000;
        state.stepMs = 10'000;
        // Pixels of the first series' colour (Okabe–Ito blue); the legend marker has some too.
        const auto bluePixels = [&panel] {
            const QImage image = panel.grab().toImage();
            int count = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QRgb pixel = image.pixel(x, y);
                    count += qAbs(qRed(pixel) - 0x00) < 24 && qAbs(qGreen(pixel) - 0x72) < 24
                            && qAbs(qBlue(pixel) - 0xB2) < 24
                        ? 1
                        : 0;
                }
            }
            return count;
        };
        // One sample between two missing steps: no line to draw, so a dot shows it.
        state.lines = { { QStringLiteral("/api/v1/analyze"), { { 1'700'000'030'000.0, 1.8 } } } };
        panel.setQueryState(state);
        QCOMPARE(panel.drawnLineCount(), 1);
        QCOMPARE(panel.pointCount(), 1);
        const int withSample = bluePixels();
        state.lines = { { QStringLiteral("/api/v1/analyze"), { { 1'700'000'030'000.0, std::nan("") } } } };
        panel.setQueryState(state);
        QCOMPARE(panel.drawnLineCount(), 0);
        const int legendOnly = bluePixels();
        QVERIFY2(withSample >= legendOnly + 9, qPrintable(QStringLiteral("%1 vs %2").arg(withSample).arg(legendOnly)));
    }

    void panelsSayWhatIsWrong()
    {
        ChartPanel panel(promPanel());
        panel.show();
        PanelQueryState state;
        state.phase = PanelQueryState::Phase::Failed;
        state.message = QStringLiteral("Prometheus error bad_data (HTTP 400): parse error");
        panel.setQueryState(state);
        QCOMPARE(panel.queryMessage(), state.message);
        QVERIFY(std::isnan(panel.currentValue()));

        state.phase = PanelQueryState::Phase::Loaded;
        state.notes = { QStringLiteral("PromQL info: metric might not be a counter") };
        panel.setQueryState(state);
        QCOMPARE(panel.queryMessage(),
            QStringLiteral("no data: the query returned no series for this time range\nPromQL info: metric might not "
                           "be a counter"));
    }

    void unreachableSourceIsShownOnEveryPanel()
    {
        const quint16 port = closedLoopbackPort();
        QVERIFY(port != 0);
        const DashboardSpec dashboard
            = prometheusDashboard(QStringLiteral("prom"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        TimeSeriesStore store;
        DashboardView view(dashboard, store);
        QueryTimeBar bar;
        PanelQueryRunner controller;
        bindPanelQueries(&controller, &view, &bar);
        controller.start();
        controller.setSources(dashboard.sources);
        const QString expected = QStringLiteral("cannot reach 127.0.0.1:%1: connection refused").arg(port);
        for (ChartPanel* panel : view.panels())
            QTRY_COMPARE(panel->queryMessage(), expected);
        QTRY_COMPARE(bar.sourceStatusText(), expected);

        controller.setSourcePending(QStringLiteral("prom"), QStringLiteral("starting a local Prometheus…"));
        QCOMPARE(view.panels().value(0)->queryMessage(), QStringLiteral("starting a local Prometheus…"));
        controller.setSources({});
        QCOMPARE(view.panels().value(0)->queryMessage(),
            QStringLiteral("no Prometheus data source \"prom\" is configured: add one with \"Data source…\""));
    }

    // Issue 7: a Prometheus that goes away and comes back; the panels recover by themselves on their refresh.
    void panelsRecoverWhenPrometheusComesBack()
    {
        ScriptedHttpServer server(&twoPointsOrOneValue);
        QVERIFY(server.isListening());
        const quint16 port = server.port();
        const DashboardSpec dashboard
            = prometheusDashboard(QStringLiteral("prom"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        TimeSeriesStore store;
        DashboardView view(dashboard, store);
        QueryTimeBar bar;
        PanelQueryRunner controller;
        bindPanelQueries(&controller, &view, &bar);
        controller.start();
        QueryTimeSettings settings = controller.settings();
        settings.refreshMs = 300;
        controller.setSettings(settings);
        controller.setSources(dashboard.sources);
        const auto allPanels = [&](PanelQueryState::Phase phase) {
            for (int i = 0; i < view.panels().size(); ++i) {
                if (controller.lastState(i).phase != phase)
                    return false;
            }
            return !view.panels().isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(allPanels(PanelQueryState::Phase::Loaded), 10000);
        QVERIFY(view.panels().value(0)->queryMessage().isEmpty());

        server.close();
        const QString unreachable = QStringLiteral("cannot reach 127.0.0.1:%1: connection refused").arg(port);
        QTRY_VERIFY_WITH_TIMEOUT(allPanels(PanelQueryState::Phase::Failed), 10000);
        for (ChartPanel* panel : view.panels())
            QTRY_COMPARE(panel->queryMessage(), unreachable);
        QTRY_COMPARE(bar.sourceStatusText(), unreachable);

        // Back on the same port; nobody clicks anything.
        QVERIFY(server.listen(port));
        const qsizetype answeredBefore = server.requests().size();
        QTRY_VERIFY_WITH_TIMEOUT(allPanels(PanelQueryState::Phase::Loaded), 10000);
        QVERIFY(server.requests().size() > answeredBefore);
        for (ChartPanel* panel : view.panels())
            QVERIFY2(panel->queryMessage().isEmpty(), qPrintable(panel->queryMessage()));
        QTRY_VERIFY(bar.sourceStatusText() != unreachable);
        QCOMPARE(controller.lastState(0).lines.value(0).points.size(), 2);
    }

    // A question changed while the last answer is still on its way is asked at once: a variable chosen
    // against a slow server must not wait for the next refresh (10 s in the Grafana demo).
    void aChangedQuestionDoesNotWaitForTheSlowAnswer()
    {
        ScriptedHttpServer server([](const ScriptedHttpServer::Request& request) {
            if (QUrl::fromPercentEncoding(request.target).contains(QStringLiteral("job=\"slow\""))) {
                ScriptedHttpServer::Response stalled;
                stalled.stall = true;
                return stalled;
            }
            return twoPointsOrOneValue(request);
        });
        DashboardSpec dashboard = prometheusDashboard(QStringLiteral("prom"), server.url());
        dashboard.panels = dashboard.panels.mid(0, 1);
        dashboard.panels[0].query = QStringLiteral("up{job=\"$job\"}");
        TimeSeriesStore store;
        DashboardView view(dashboard, store);
        PanelQueryRunner controller;
        bindPanelQueries(&controller, &view, nullptr);
        controller.setVariableValues({ { QStringLiteral("job"), QStringLiteral("slow") } });
        QueryTimeSettings settings = controller.settings();
        settings.refreshMs = 0; // no periodic refresh: only the change may send the second request
        controller.setSettings(settings);
        controller.setSources(dashboard.sources);
        controller.start();
        const auto sentFor = [&server](const QString& job) {
            return std::count_if(server.requests().cbegin(), server.requests().cend(), [&](const auto& request) {
                return request.target.contains("query_range")
                    && QUrl::fromPercentEncoding(request.target).contains(QStringLiteral("job=\"%1\"").arg(job));
            });
        };
        QTRY_VERIFY(sentFor(QStringLiteral("slow")) > 0);
        const qsizetype slowRequests = sentFor(QStringLiteral("slow"));
        controller.refreshNow(); // the same question again: not asked twice while the first is unanswered
        QCOMPARE(sentFor(QStringLiteral("slow")), slowRequests);

        controller.setVariableValues({ { QStringLiteral("job"), QStringLiteral("fast") } });
        controller.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(
            controller.lastState(0).phase == PanelQueryState::Phase::Loaded && !controller.lastState(0).lines.isEmpty(),
            5000);
        QCOMPARE(sentFor(QStringLiteral("fast")), 1);
        QCOMPARE(controller.lastState(0).lines.value(0).points.size(), 2);
    }

    void dataSourceDialogWarnsAndValidates()
    {
        DataSourceSpec spec;
        spec.kind = DataSourceKind::Prometheus;
        spec.url = QUrl(QStringLiteral("https://prometheus.example:9090"));
        DataSourceDialog dialog(spec, nullptr);
        dialog.show();
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(!dialog.skipVerifyWarning()->isVisible());
        dialog.skipVerifyCheck()->setChecked(true);
        QVERIFY(dialog.skipVerifyWarning()->isVisible());
        QVERIFY(dialog.source().skipTlsVerify);

        dialog.authChoice()->setCurrentIndex(dialog.authChoice()->findData(int(DataSourceAuth::Bearer)));
        dialog.secretEdit()->setText(QStringLiteral("my-token-itself"));
        QCOMPARE(dialog.problem(),
            QStringLiteral(
                "secret reference \"my-token-itself\": expected env:NAME or keychain:SERVICE/ACCOUNT (secrets "
                "themselves are never stored)"));
        dialog.secretEdit()->setText(QStringLiteral("keychain:perfdash/prod"));
        QVERIFY(dialog.problem().isEmpty());
        dialog.urlEdit()->setText(QStringLiteral("https://user:pw@prometheus.example"));
        QCOMPARE(dialog.problem(),
            QStringLiteral("URL: the URL holds a password; secrets are never stored with a data source, use basic "
                           "authentication with a \"secretRef\""));
    }

    void autocompleteFollowsTheCursorContext()
    {
        QLineEdit edit;
        edit.show();
        QStringList asked;
        PromQLCompleter completer(&edit, [&asked](const QString& label, QObject*, auto done) {
            asked << label;
            if (label == QLatin1String("__name__"))
                done({ QStringLiteral("cache_requests_total"), QStringLiteral("cache_hit_ratio"),
                    QStringLiteral("up") });
            else if (label.isEmpty())
                done({ QStringLiteral("cache_name"), QStringLiteral("result"), QStringLiteral("le") });
            else if (label == QLatin1String("result"))
                done({ QStringLiteral("hit"), QStringLiteral("miss") });
        });
        const auto type = [&](const QString& text) {
            edit.setText(text);
            edit.setCursorPosition(int(text.size()));
            completer.update();
            return completer.candidates();
        };
        QCOMPARE(type(QStringLiteral("rate(cache_")),
            QStringList({ QStringLiteral("cache_requests_total"), QStringLiteral("cache_hit_ratio") }));
        QCOMPARE(type(QStringLiteral("rate(cache_requests_total{res")), QStringList { QStringLiteral("result") });
        QCOMPARE(type(QStringLiteral("rate(cache_requests_total{result=\"h")), QStringList { QStringLiteral("hit") });
        QCOMPARE(type(QStringLiteral("sum by (cache")), QStringList { QStringLiteral("cache_name") });
        QVERIFY(type(QStringLiteral("histogram_q")).contains(QStringLiteral("histogram_quantile")));
        // Each list was fetched once and then served from the cache.
        QCOMPARE(asked, QStringList({ QStringLiteral("__name__"), QString(), QStringLiteral("result") }));

        // Choosing a completion replaces only the word being typed.
        type(QStringLiteral("sum(rate(cache_req"));
        Q_EMIT completer.completer()->activated(QStringLiteral("cache_requests_total"));
        QCOMPARE(edit.text(), QStringLiteral("sum(rate(cache_requests_total"));
    }

    void savedDashboardHoldsNoToken()
    {
        const QByteArray token = "tok-9f8e7d6c5b4a";
        qputenv("PERFDASH_TEST_PROM_TOKEN", token);
        DashboardSpec dashboard
            = prometheusDashboard(QStringLiteral("prom"), QUrl(QStringLiteral("https://prom.example")));
        dashboard.sources[0].auth = DataSourceAuth::Bearer;
        dashboard.sources[0].secretRef = QStringLiteral("env:PERFDASH_TEST_PROM_TOKEN");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("prom.perfdash.json"));
        QString error;
        QVERIFY2(DashboardFile::save(dashboard, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        qunsetenv("PERFDASH_TEST_PROM_TOKEN");
        QVERIFY(!saved.contains(token));
        QVERIFY(saved.contains("\"secretRef\": \"env:PERFDASH_TEST_PROM_TOKEN\""));
        const DashboardLoadResult loaded = DashboardFile::load(saved);
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        QCOMPARE(loaded.dashboard->panels.size(), 5);
        QCOMPARE(loaded.dashboard->panels[2].query, dashboard.panels[2].query);
    }
};

PERFDASH_TEST_MAIN(TestPrometheusPanel)
#include "tst_prometheuspanel.moc"
