#include "DashboardView.h"
#include "HeadlessTestMain.h"
#include "PanelSpec.h"
#include "TimeSeriesStore.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace perfdash;

// The dashboard's frame timer draws only what a person could see change: new samples, the live edge
// moving a pixel, a tab brought back. Idle, hidden or unchanged, it skips the frame.
class TestDashboardFrames : public QObject {
    Q_OBJECT

    static void addSample(TimeSeriesStore& store, qint64 atMs, double value)
    {
        store.append({ { QStringLiteral("http_request_duration_seconds:p95"),
            { { QStringLiteral("endpoint"), QStringLiteral("/a") } }, atMs, value, 0 } });
    }

private Q_SLOTS:
    void anUnchangedDashboardSkipsFramesAndNewDataIsDrawnAtOnce()
    {
        TimeSeriesStore store;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        addSample(store, now - 1'000, 1.5);
        DashboardView view(defaultDashboard(), store);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // A day on ~1200 px is over a minute per pixel column: the live edge alone never needs a frame.
        view.setWindowMs(24 * 3'600'000);
        QSignalSpy refreshed(&view, &DashboardView::refreshed);
        const quint64 skippedBefore = view.skippedFrames();
        QTest::qWait(600); // about 18 ticks of the 30 Hz timer
        QVERIFY2(view.skippedFrames() - skippedBefore >= 10, qPrintable(QString::number(view.skippedFrames())));
        QVERIFY2(refreshed.count() <= 1, qPrintable(QString::number(refreshed.count())));

        refreshed.clear();
        addSample(store, QDateTime::currentMSecsSinceEpoch(), 1.7);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 500);
        // Still drawn once a second with nothing new, for what follows the clock.
        refreshed.clear();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 2'500);
    }

    void aDashboardOnAHiddenTabDrawsNothingAndCatchesUpWhenShown()
    {
        TimeSeriesStore store;
        QTabWidget tabs;
        auto* view = new DashboardView(defaultDashboard(), store);
        tabs.addTab(view, QStringLiteral("Dashboard"));
        tabs.addTab(new QWidget, QStringLiteral("Other"));
        tabs.resize(1200, 700);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        view->setWindowMs(60'000);
        tabs.setCurrentIndex(1);
        QSignalSpy refreshed(view, &DashboardView::refreshed);
        // Samples keep arriving, but nobody sees them.
        for (int i = 0; i < 10; ++i) {
            addSample(store, QDateTime::currentMSecsSinceEpoch(), 1.0 + i);
            QTest::qWait(50);
        }
        QCOMPARE(refreshed.count(), 0);
        tabs.setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 500);
    }

    void aShortLiveWindowRedrawsAsTheEdgeMoves()
    {
        // Ten seconds on a panel a few hundred pixels wide is under 33 ms a column: the scrolling edge needs
        // every tick of the 30 Hz timer.
        TimeSeriesStore store;
        addSample(store, QDateTime::currentMSecsSinceEpoch(), 1.5);
        DashboardView view(defaultDashboard(), store);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setWindowMs(10'000);
        QSignalSpy refreshed(&view, &DashboardView::refreshed);
        QTest::qWait(600);
        QVERIFY2(refreshed.count() >= 8, qPrintable(QString::number(refreshed.count())));
    }
};

PERFDASH_TEST_MAIN(TestDashboardFrames)
#include "tst_dashboardframes.moc"
