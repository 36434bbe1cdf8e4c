#include "DashboardView.h"
#include "DiagnosticsView.h"
#include "GuiSession.h"
#include "LatencyRecorder.h"
#include "MainWindow.h"

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
        GuiSession session(GuiOptions {});
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
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
};

QTEST_MAIN(TestDiagnosticsView)
#include "tst_diagnosticsview.moc"
