#include "DashboardActions.h"
#include "DashboardView.h"
#include "DemoServer.h"
#include "GuiSession.h"
#include "MainWindow.h"
#include "StreamSource.h"

#include <QTest>

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

private Q_SLOTS:
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
        GuiSession session(options);
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<StreamSource*> sources = session.streamSources();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources[0]->url(), serverA.streamUrl());
        QCOMPARE(sources[1]->url(), serverB.streamUrl());
        for (StreamSource* source : sources)
            QTRY_VERIFY_WITH_TIMEOUT(source->counters().samplesStored > 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(serverA.clientCount(), 1, 5000);
        QCOMPARE(serverB.clientCount(), 1);
    }

    void openingADashboardRestartsChangedSources()
    {
        DemoServer server(DemoServerOptions {});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));

        GuiOptions options;
        options.dashboard = dashboardOf({ stream(QStringLiteral("demo"), embeddedDemoUrl()) });
        GuiSession session(options);
        QVERIFY2(session.start(&error), qPrintable(error));
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

QTEST_MAIN(TestDashboardSession)
#include "tst_dashboardsession.moc"
