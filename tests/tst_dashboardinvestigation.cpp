#include "AnnotationLog.h"
#include "ChartPanel.h"
#include "DashboardActions.h"
#include "DashboardFile.h"
#include "DashboardView.h"
#include "HeadlessTestMain.h"
#include "MainWindow.h"
#include "PanelQueryBinding.h"
#include "PanelQueryRunner.h"
#include "TargetTableModel.h"
#include "TimeSeriesStore.h"
#include "WindowComparisonView.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <random>

using namespace perfdash;

namespace {
// Two panels over the same store: a latency that drops by a third at `shiftMs`, and a ratio that does not.
DashboardSpec twoPanels()
{
    DashboardSpec dashboard = defaultDashboard();
    dashboard.panels = { dashboard.panels[0], dashboard.panels[2] };
    dashboard.gridColumns = 2;
    return dashboard;
}

// AR(1) noise around a level that steps at shiftMs, one sample a second for the last 30 minutes.
void fill(TimeSeriesStore& store, qint64 nowMs, qint64 shiftMs)
{
    std::mt19937_64 random(7);
    std::normal_distribution<double> noise(0.0, 1.0);
    double latencyNoise = 0;
    double ratioNoise = 0;
    SampleBatch batch;
    for (qint64 t = nowMs - 30 * 60'000; t <= nowMs; t += 1'000) {
        latencyNoise = 0.6 * latencyNoise + 0.05 * noise(random);
        ratioNoise = 0.6 * ratioNoise + 0.01 * noise(random);
        const double latency = (t < shiftMs ? 2.0 : 1.4) + latencyNoise;
        batch.push_back({ QStringLiteral("http_request_duration_seconds:p95"),
            { { QStringLiteral("endpoint"), QStringLiteral("/a") } }, t, latency, 0 });
        batch.push_back({ QStringLiteral("cache_hit_ratio"), { { QStringLiteral("cache_name"), QStringLiteral("c") } },
            t, 0.62 + ratioNoise, 0 });
    }
    store.append(batch);
}

QPoint plotPoint(const ChartPanel* panel, double share, double heightShare = 0.5)
{
    const QRectF plot = panel->plotRect();
    return QPointF(plot.left() + plot.width() * share, plot.top() + plot.height() * heightShare).toPoint();
}

void mouse(const ChartPanel* panel, QEvent::Type type, const QPoint& at, Qt::MouseButtons buttons,
    Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QWidget* viewport = panel->plotViewport();
    QMouseEvent event(type, QPointF(at), QPointF(viewport->mapToGlobal(at)), button, buttons, modifiers);
    QApplication::sendEvent(viewport, &event);
}

// A press, moves across, a release: what a person's drag sends.
void drag(const ChartPanel* view, double fromShare, double toShare, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    mouse(view, QEvent::MouseButtonPress, plotPoint(view, fromShare), Qt::LeftButton, modifiers);
    for (int step = 1; step <= 4; ++step)
        mouse(view, QEvent::MouseMove, plotPoint(view, fromShare + (toShare - fromShare) * step / 4), Qt::LeftButton,
            modifiers);
    mouse(view, QEvent::MouseButtonRelease, plotPoint(view, toShare), Qt::NoButton, modifiers);
}
}

// What an engineer does on a live dashboard: zoom into a spike on one chart and see every panel follow,
// pan, go back and forward, return to live; hover and read every panel at that time; see annotations;
// compare the windows before and after a change and get the verdict.
class TestDashboardInvestigation : public QObject {
    Q_OBJECT
private:
    qint64 m_now = QDateTime::currentMSecsSinceEpoch();
    qint64 m_shift = m_now - 10 * 60'000;

    void showView(DashboardView& view)
    {
        view.resize(1200, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setWindowMs(30 * 60'000);
        view.refreshNow();
        QApplication::processEvents();
    }

private Q_SLOTS:
    void dragZoomsEveryPanelAndEscapeGoesLive()
    {
        TimeSeriesStore store;
        fill(store, m_now, m_shift);
        DashboardView view(twoPanels(), store);
        showView(view);
        ChartPanel* first = view.panels()[0];
        ChartPanel* second = view.panels()[1];
        const qint64 liveSpan = first->visibleToMs() - first->visibleFromMs();
        QCOMPARE(liveSpan, 30 * 60'000);

        drag(first, 0.25, 0.5);
        QVERIFY(!view.isLive());
        const TimeRange zoomed = view.currentRange();
        QVERIFY2(std::abs(zoomed.lengthMs() - liveSpan / 4) < 30'000, qPrintable(QString::number(zoomed.lengthMs())));
        // Both panels, in step, and they hold still while the clock runs.
        QCOMPARE(first->visibleFromMs(), zoomed.fromMs);
        QCOMPARE(second->visibleFromMs(), zoomed.fromMs);
        QCOMPARE(second->visibleToMs(), zoomed.toMs);
        QVERIFY(view.navigationText().contains(QStringLiteral("not following now")));
        QTest::qWait(50);
        view.refreshNow();
        QCOMPARE(second->visibleToMs(), zoomed.toMs);

        // A second zoom, then back and forward through them.
        drag(second, 0.4, 0.6);
        const TimeRange inner = view.currentRange();
        QVERIFY(inner.lengthMs() < zoomed.lengthMs());
        view.back();
        QCOMPARE(view.currentRange(), zoomed);
        view.forward();
        QCOMPARE(view.currentRange(), inner);

        // Esc (the Live action's shortcut) follows now again.
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(view.isLive());
        QCOMPARE(first->visibleToMs() - first->visibleFromMs(), liveSpan);
        QVERIFY(view.navigationText().startsWith(QStringLiteral("live")));
    }

    void shiftDragAndArrowsPanDoubleClickGoesLive()
    {
        TimeSeriesStore store;
        fill(store, m_now, m_shift);
        DashboardView view(twoPanels(), store);
        showView(view);
        const ChartPanel* chart = view.panels()[0];
        const TimeRange before = view.currentRange();
        drag(chart, 0.6, 0.8, Qt::ShiftModifier); // the content moves right: earlier times come into view
        const TimeRange panned = view.currentRange();
        QCOMPARE(panned.lengthMs(), before.lengthMs());
        const double shifted = double(before.toMs - panned.toMs) / double(before.lengthMs());
        QVERIFY2(shifted > 0.15 && shifted < 0.25, qPrintable(QString::number(shifted)));

        view.setFocus();
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.currentRange().toMs, panned.toMs - panned.lengthMs() / 10);
        // One back undoes the arrow; the drag was a gesture of its own.
        view.back();
        QCOMPARE(view.currentRange(), panned);

        mouse(chart, QEvent::MouseButtonDblClick, plotPoint(chart, 0.5), Qt::LeftButton);
        QVERIFY(view.isLive());
    }

    void promqlPanelsQueryTheZoomedRange()
    {
        TimeSeriesStore store;
        DashboardSpec dashboard = defaultDashboard();
        dashboard.panels[0].query = QStringLiteral("histogram_quantile(0.95, rate(x_bucket[1m]))");
        DashboardView view(dashboard, store);
        PanelQueryRunner runner;
        bindPanelQueries(&runner, &view);
        view.setWindowMs(3'600'000);
        view.zoomTo({ m_now - 600'000, m_now - 300'000 });
        QTRY_VERIFY(runner.settings().absolute);
        QCOMPARE(runner.settings().fromMs, m_now / 1000 * 1000 - 600'000);
        QCOMPARE(runner.settings().toMs, (m_now + 999) / 1000 * 1000 - 300'000);
        // The step follows the range: a 5-minute zoom of an hour's view steps twelve times finer.
        const int columns = 600;
        QVERIFY(queryStepSeconds(runner.settings().toMs - runner.settings().fromMs, columns, 0)
            < queryStepSeconds(3'600'000, columns, 0) / 10);
        view.goLive();
        QTRY_VERIFY(!runner.settings().absolute);
        QCOMPARE(runner.settings().lastMs, 3'600'000);
    }

    void hoverShowsEveryPanelAndTheTargetsTableAtThatTime()
    {
        TimeSeriesStore store;
        fill(store, m_now, m_shift);
        DashboardView view(twoPanels(), store);
        showView(view);
        const ChartPanel* chart = view.panels()[0];
        mouse(chart, QEvent::MouseMove, plotPoint(chart, 0.5), Qt::NoButton);
        const std::optional<qint64> cursor = view.targetModel()->cursorTime();
        QVERIFY(cursor.has_value());
        QVERIFY(view.targetModel()
                    ->headerData(TargetTableModel::CurrentColumn, Qt::Horizontal)
                    .toString()
                    .startsWith(QStringLiteral("at ")));
        // The ratio panel reads its value at that time, not its latest.
        const double ratio = view.targetModel()
                                 ->index(1, TargetTableModel::CurrentColumn)
                                 .data(TargetTableModel::RawValueRole)
                                 .toDouble();
        QCOMPARE(ratio, view.panels()[1]->valueAt(*cursor));
        QVERIFY(ratio > 50 && ratio < 75);
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(chart->plotViewport()->parentWidget(), &leave);
        QVERIFY(!view.targetModel()->cursorTime());
    }

    void sixThousandAnnotationsCostAtMostAColumnEach()
    {
        TimeSeriesStore store;
        fill(store, m_now, m_shift);
        AnnotationLog log;
        QList<Annotation> many;
        for (int i = 0; i < 6'000; ++i) {
            Annotation mark;
            mark.timeMs = m_now - 29 * 60'000 + qint64(i) * 290;
            mark.endMs = mark.timeMs;
            mark.text = QStringLiteral("event %1").arg(i);
            mark.origin = Annotation::Origin::Stream;
            many << mark;
        }
        log.add(many);
        DashboardView view(twoPanels(), store);
        view.setAnnotationLog(&log);
        showView(view);
        ChartPanel* panel = view.panels()[0];
        QCOMPARE(panel->drawnAnnotations().size(), 6'000);
        panel->grab(); // paints
        const int plotWidth = int(panel->plotRect().width());
        const int columns = panel->paintedAnnotationColumns();
        QVERIFY2(columns > 100 && columns <= plotWidth + 2, qPrintable(QString::number(columns)));
    }

    void compareWindowsGivesTheVerdictOnEveryPanel()
    {
        TimeSeriesStore store;
        fill(store, m_now, m_shift);
        DashboardView view(twoPanels(), store);
        showView(view);
        view.compareWindows({ m_shift - 8 * 60'000, m_shift }, { m_shift, m_shift + 8 * 60'000 });
        QVERIFY(view.isComparing());
        // Both windows in view.
        QVERIFY(view.currentRange().fromMs <= m_shift - 8 * 60'000);
        QVERIFY(view.currentRange().toMs >= m_shift + 8 * 60'000);
        const WindowComparisonView* latency = view.panels()[0]->windowComparisonView();
        const WindowComparisonView* ratio = view.panels()[1]->windowComparisonView();
        QVERIFY(latency && ratio);
        QCOMPARE(latency->comparison().series.size(), 1);
        const SeriesWindowComparison& dropped = latency->comparison().series.first();
        QVERIFY2(dropped.improved && dropped.significant, qPrintable(dropped.verdict));
        QVERIFY(dropped.reachesGoal); // 2.0 → 1.4 s is 30 % faster
        QVERIFY(dropped.meetsTarget);
        QVERIFY2(latency->summaryLines().first().contains(QStringLiteral("improved, significant")),
            qPrintable(latency->summaryLines().join(u'\n')));
        QVERIFY(latency->summaryLines().last().contains(QStringLiteral("block means")));
        const SeriesWindowComparison& unchanged = ratio->comparison().series.first();
        QVERIFY2(unchanged.hasVerdict && !unchanged.significant, qPrintable(unchanged.verdict));
        QCOMPARE(unchanged.verdict, QStringLiteral("no detectable change"));

        // The charts with both windows shaded, then back to charts only.
        view.setComparisonShown(false);
        QVERIFY(!view.panels()[0]->windowComparisonView());
        QVERIFY(view.beforeWindow() && view.afterWindow());
        view.endComparison();
        QVERIFY(!view.isComparing());
        QVERIFY(!view.beforeWindow());
    }

    void ctrlDragPicksBeforeThenAfter()
    {
        TimeSeriesStore store;
        fill(store, m_now, m_shift);
        DashboardView view(twoPanels(), store);
        showView(view);
        const ChartPanel* chart = view.panels()[0];
        // The last 30 minutes are shown; the shift is at two thirds.
        drag(chart, 0.30, 0.62, Qt::ControlModifier);
        QVERIFY(view.beforeWindow());
        QVERIFY(!view.isComparing());
        drag(chart, 0.70, 0.99, Qt::ControlModifier);
        QVERIFY(view.isComparing());
        QVERIFY(view.panels()[0]->windowComparisonView()->comparison().series.first().improved);
    }

    void theBundleCarriesTheRangeTheMarksAndTheComparison()
    {
        TimeSeriesStore store;
        fill(store, m_now, m_shift);
        MainWindow window(twoPanels(), store);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        DashboardView* view = window.dashboard();
        Annotation deploy;
        deploy.timeMs = m_shift;
        deploy.endMs = m_shift;
        deploy.text = QStringLiteral("deploy");
        deploy.tags = { QStringLiteral("deploy") };
        window.dashboardActions()->addAnnotation(deploy);
        view->compareAround(deploy, 8 * 60'000);
        QTemporaryDir directory;
        QString error;
        QVERIFY2(window.dashboardActions()->exportBundle(directory.path(), 1, &error), qPrintable(error));
        QFile file(directory.filePath(QStringLiteral("manifest.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject manifest = QJsonDocument::fromJson(file.readAll()).object();
        // The zoomed range around both windows, not the live minute.
        const qint64 from
            = manifest[QStringLiteral("timeRange")][QStringLiteral("from")][QStringLiteral("unixMs")].toInteger();
        QCOMPARE(from, view->currentRange().fromMs);
        const QJsonArray annotations = manifest[QStringLiteral("annotations")].toArray();
        QCOMPARE(annotations.size(), 1);
        QCOMPARE(annotations[0][QStringLiteral("text")].toString(), QStringLiteral("deploy"));
        QCOMPARE(annotations[0][QStringLiteral("origin")].toString(), QStringLiteral("note"));
        const QJsonObject comparison = manifest[QStringLiteral("windowComparison")].toObject();
        QVERIFY2(!comparison.isEmpty(), qPrintable(QJsonDocument(manifest).toJson()));
        QVERIFY(QJsonDocument(comparison).toJson().contains("improved, significant"));
    }

    void aNoteIsAddedWhereTheUserClickedAndSaved()
    {
        TimeSeriesStore store;
        fill(store, m_now, m_shift);
        MainWindow window(twoPanels(), store);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Annotation note;
        note.timeMs = m_now - 20'000; // in the live minute the default dashboard shows
        note.endMs = note.timeMs;
        note.text = QStringLiteral("deploy 4f2a");
        note.tags = { QStringLiteral("deploy") };
        window.dashboardActions()->addAnnotation(note);
        QCOMPARE(window.dashboard()->dashboardSpec().annotations.size(), 1);
        window.dashboard()->refreshNow();
        QCOMPARE(window.dashboard()->panels()[0]->drawnAnnotations().size(), 1);
        const QString saved = QString::fromUtf8(DashboardFile::toJson(window.dashboard()->dashboardSpec()));
        QVERIFY2(saved.contains(QStringLiteral("\"text\": \"deploy 4f2a\"")), qPrintable(saved));
        // Its context menu compares around it and removes it.
        QMenu* menu = window.dashboardActions()->createPanelMenu(0, &window, note.timeMs, note);
        QStringList texts;
        for (QAction* action : menu->actions())
            texts << action->text();
        delete menu;
        QVERIFY2(texts.join(u'|').contains(QStringLiteral("Compare Around")), qPrintable(texts.join(u'|')));
        window.dashboardActions()->removeAnnotation(note);
        QVERIFY(window.dashboard()->dashboardSpec().annotations.isEmpty());
    }
};

PERFDASH_TEST_MAIN(TestDashboardInvestigation)
#include "tst_dashboardinvestigation.moc"
