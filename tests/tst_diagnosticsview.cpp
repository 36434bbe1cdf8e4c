#include "DashboardView.h"
#include "DiagnosticsView.h"
#include "GuiSession.h"
#include "HeadlessTestMain.h"
#include "LatencyRecorder.h"
#include "MainWindow.h"
#include "StartedSession.h"
#include "TimeSeriesStore.h"

#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace perfdash;

// The real window on the embedded demo: samples reach painted frames, and the Diagnostics tab shows the
// latency, the redraw cost, the store and the ingest counters.
class TestDiagnosticsView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void latencyIsMeasuredFromReceiveToPaintAndShown()
    {
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        MainWindow* window = session.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        // The dashboard is on screen: demo samples arrive, a refresh reads them, a paint shows them.
        QTRY_VERIFY_WITH_TIMEOUT(session.latency().summary().samples >= 20, 15000);
        const LatencySummary measured = session.latency().summary();
        QVERIFY2(measured.p99Ms >= measured.p50Ms && measured.maxMs >= measured.p99Ms, "percentiles out of order");
        QVERIFY2(measured.maxMs < 5000, qPrintable(QString::number(measured.maxMs)));

        DiagnosticsView* diagnostics = session.diagnostics();
        QTabWidget* pages = window->pages();
        const int tab = pages->indexOf(diagnostics);
        QVERIFY(tab > 0);
        QCOMPARE(pages->tabText(tab), QStringLiteral("Diagnostics"));
        pages->setCurrentIndex(tab);

        QTRY_VERIFY_WITH_TIMEOUT(
            diagnostics->fieldText(QStringLiteral("latency.p99")).endsWith(QStringLiteral(" ms")), 5000);
        QVERIFY(diagnostics->fieldText(QStringLiteral("latency.p50")).endsWith(QStringLiteral(" ms")));
        QVERIFY(diagnostics->fieldText(QStringLiteral("frame.refresh")).contains(QStringLiteral(" ms / ")));
        QVERIFY(diagnostics->fieldText(QStringLiteral("frame.paint")).contains(QStringLiteral(" ms / ")));
        QVERIFY(diagnostics->fieldText(QStringLiteral("store.series")).toInt() > 0);
        bool isNumber = false;
        QVERIFY(diagnostics->fieldText(QStringLiteral("store.bytesPerSample")).toDouble(&isNumber) > 0 && isNumber);
        QCOMPARE(diagnostics->fieldText(QStringLiteral("ingest.dropped")), QStringLiteral("0"));
        // For looking at the page by eye: PERFDASH_SCREENSHOT=diagnostics.png
        if (const QString path = qEnvironmentVariable("PERFDASH_SCREENSHOT"); !path.isEmpty())
            QVERIFY(window->grab().save(path));

        // With the charts hidden, new samples are counted as not shown instead of waiting for a frame.
        QTRY_VERIFY_WITH_TIMEOUT(session.latency().summary().notShown > 0, 5000);

        auto* reset = diagnostics->findChild<QPushButton*>(QStringLiteral("resetLatency"));
        QVERIFY(reset);
        reset->click();
        QCOMPARE(session.latency().summary().samples, quint64(0));
    }

    // A metric that hit its series limit is named, with the label to blame, in the status bar and on the
    // Diagnostics tab; the status bar's words never widen the window.
    void seriesLimitsAreShownWhereAPersonLooks()
    {
        TimeSeriesStore store({ .maxSeriesPerMetric = 3 });
        SampleBatch batch;
        for (int id = 0; id < 10; ++id)
            batch.push_back({ QStringLiteral("api_latency_seconds"), { { QStringLiteral("id"), QString::number(id) } },
                1, 1.0 });
        store.append(batch);
        const StoreStats stats = store.stats();
        const QString expected = QStringLiteral(
            "api_latency_seconds: 3-series limit reached; label \"id\" has 3 values; 7 samples refused");

        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        MainWindow* window = session.window();
        window->resize(900, 600);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const int widthBefore = window->minimumSizeHint().width();
        window->setIngestCounters(IngestCounters {}, stats);
        QCOMPARE(window->cardinalityText(), QStringLiteral("⚠ ") + expected);
        QCOMPARE(window->minimumSizeHint().width(), widthBefore);

        DiagnosticsView* diagnostics = session.diagnostics();
        diagnostics->showStats(LatencySummary {}, FrameCost {}, stats, IngestCounters {});
        QCOMPARE(diagnostics->fieldText(QStringLiteral("store.cardinality")), expected);
    }
};

PERFDASH_TEST_MAIN(TestDiagnosticsView)
#include "tst_diagnosticsview.moc"
