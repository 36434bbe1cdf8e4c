#include "ChartPanel.h"
#include "DashboardView.h"
#include "GuiSession.h"
#include "HeadlessTestMain.h"
#include "MainWindow.h"
#include "Scorecard.h"
#include "StartedSession.h"
#include "TargetTableModel.h"

#include <QApplication>
#include <QTest>

using namespace perfdash;

// Opens the real main window offscreen on the embedded demo, as scripts/run does, and checks what a
// person would look for: every panel drawing lines, its target and baseline, and a scorecard value.
class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyPanelGetsPointsTargetLineAndScorecard()
    {
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        MainWindow* window = session.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        const auto& panels = window->dashboard()->panels();
        QCOMPARE(panels.size(), 7); // the seed's five targets, then two latency heatmaps
        for (ChartPanel* panel : panels) {
            const QString title = panel->spec().title;
            QTRY_VERIFY2_WITH_TIMEOUT(panel->pointCount() >= 4, qPrintable(title), 15000);
            QTRY_VERIFY2_WITH_TIMEOUT(panel->scorecard()->valueText() != QStringLiteral("—"), qPrintable(title), 15000);
            QCOMPARE(panel->targetLinePointCount(), 2);
            QCOMPARE(panel->baselineLinePointCount(), 2);
            QVERIFY(panel->targetLineLabel().startsWith(QStringLiteral("target ")));
            QVERIFY(panel->scorecard()->statusText() == QStringLiteral("MET")
                || panel->scorecard()->statusText() == QStringLiteral("NOT MET"));
        }
        QVERIFY2(window->connectionText().contains(QStringLiteral("live")), qPrintable(window->connectionText()));
        QTRY_VERIFY_WITH_TIMEOUT(window->countersText().startsWith(QStringLiteral("stored ")), 5000);

        // The targets table mirrors the scorecards.
        TargetTableModel* targets = window->dashboard()->targetModel();
        QCOMPARE(targets->rowCount(), 7);
        QCOMPARE(targets->index(0, TargetTableModel::NameColumn).data().toString(), panels[0]->spec().title);
        QVERIFY(targets->index(0, TargetTableModel::StatusColumn).data(TargetTableModel::MetRole).isValid());
    }

    void baselineScenarioMissesTheTargetsAndOptimizedMeetsThem_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<QString>("expected");
        QTest::addRow("baseline") << int(DemoScenario::Baseline) << QStringLiteral("NOT MET");
        QTest::addRow("optimized") << int(DemoScenario::Optimized) << QStringLiteral("MET");
    }

    void baselineScenarioMissesTheTargetsAndOptimizedMeetsThem()
    {
        QFETCH(int, scenario);
        QFETCH(QString, expected);
        GuiOptions options;
        options.scenario = DemoScenario(scenario);
        StartedSession session(options);
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        session.window()->show();
        // API p95 and memory settle fastest; both sit clearly on one side of their target.
        for (int index : { 0, 4 }) {
            ChartPanel* panel = session.window()->dashboard()->panels()[index];
            QTRY_COMPARE_WITH_TIMEOUT(panel->scorecard()->statusText(), expected, 15000);
        }
    }

    void legendClickHidesAndShowsASeries()
    {
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        session.window()->show();
        ChartPanel* apiPanel = session.window()->dashboard()->panels()[0];
        QTRY_COMPARE_WITH_TIMEOUT(apiPanel->dataSeriesCount(), 2, 15000);
        const QString entry = QStringLiteral("/api/v1/analyze");
        // Legend markers follow their series a little later than the series count (slow under ASan).
        QTRY_VERIFY2_WITH_TIMEOUT(
            apiPanel->legendLabels().contains(entry), qPrintable(apiPanel->legendLabels().join(u',')), 10000);
        QVERIFY(apiPanel->isLegendEntryVisible(entry));
        QVERIFY(apiPanel->toggleLegendEntry(entry));
        QVERIFY(!apiPanel->isLegendEntryVisible(entry));
        QVERIFY(apiPanel->legendLabels().contains(entry)); // still there, to click back on
        QVERIFY(apiPanel->toggleLegendEntry(entry));
        QVERIFY(apiPanel->isLegendEntryVisible(entry));
    }

    void pauseFreezesTheChartsWhileDataKeepsArriving()
    {
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        session.window()->show();
        DashboardView* dashboard = session.window()->dashboard();
        ChartPanel* memory = dashboard->panels()[4];
        QTRY_VERIFY_WITH_TIMEOUT(memory->pointCount() >= 4, 15000);

        dashboard->setPaused(true);
        const qsizetype frozen = memory->pointCount();
        const quint64 storedAtPause = session.store().stats().storedTotal;
        QTRY_VERIFY_WITH_TIMEOUT(session.store().stats().storedTotal > storedAtPause + 10, 10000);
        QCOMPARE(memory->pointCount(), frozen);

        dashboard->setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(memory->pointCount() > frozen, 10000);
    }
};

PERFDASH_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
