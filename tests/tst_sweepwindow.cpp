#include "HeadlessTestMain.h"
#include "ProfilingController.h"
#include "ProfilingPage.h"
#include "SweepChart.h"
#include "SweepWindow.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace perfdash;

// Profiling → Sweep… as a user drives it: a capacity sweep of two policies that grows point by point,
// the miss-ratio curve against LRU and Bélády, cancel, export, and a pool's knee.
class TestSweepWindow : public QObject {
    Q_OBJECT

    static SweepWindow* openSmallCacheSweep(ProfilingController& controller)
    {
        ProfilingPage* page = controller.page();
        page->setComponent(QStringLiteral("cache"));
        for (const auto& [name, value] : { std::pair { "ops", "8000" }, std::pair { "keys", "3000" },
                 std::pair { "miss_latency_us", "0" }, std::pair { "threads", "1" } })
            page->setParameter(QLatin1String(name), QLatin1String(value));
        if (!page->openSweep())
            return nullptr;
        return page->sweepWindow();
    }

private Q_SLOTS:
    void aCapacitySweepGrowsAndDrawsTheMissRatioCurve()
    {
        ProfilingController controller;
        SweepWindow* window = openSmallCacheSweep(controller);
        QVERIFY(window);
        QVERIFY(window->isVisible());
        QVERIFY2(window->setSweep(QStringLiteral("capacity=50..2000:log:4"), QStringLiteral("policy=lru,s3fifo"), 2),
            qPrintable(window->statusText()));
        QSignalSpy points(window, &SweepWindow::sweepRequested);
        QVERIFY(window->requestSweep());
        QCOMPARE(points.count(), 1);
        // The curve grows: a point is drawn while the others still run.
        QTRY_VERIFY_WITH_TIMEOUT(window->result() && window->result()->finishedPoints() >= 1, 60000);
        QVERIFY(window->result()->finishedPoints() < 8 || !window->isRunning());
        QVERIFY(!window->chart()->lineNames().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!window->isRunning(), 120000);
        QCOMPARE(window->result()->finishedPoints(), 8);
        QVERIFY2(window->statusText().startsWith("Done: 8 points"), qPrintable(window->statusText()));
        // The miss-ratio curve is shown first: both policies, LRU and the optimum, four points each.
        QCOMPARE(window->chart()->lineNames(), (QStringList { "lru", "s3fifo", "LRU (offline)", "Bélády (optimal)" }));
        QCOMPARE(window->chart()->linePointCounts(), (QList<int> { 4, 4, 4, 4 }));
        QVERIFY(window->showMetric(QStringLiteral("latency_p95_us")));
        QCOMPARE(window->chart()->lineNames(), (QStringList { "lru", "s3fifo" }));

        QTemporaryDir directory;
        for (const char* name : { "sweep.png", "sweep.svg", "sweep.pdf", "sweep.csv" }) {
            QString error;
            const QString path = directory.filePath(QLatin1String(name));
            QVERIFY2(window->exportTo(path, &error), qPrintable(error));
            QVERIFY2(QFileInfo(path).size() > 500, name);
        }
        const QImage image(directory.filePath(QStringLiteral("sweep.png")));
        QVERIFY(!image.isNull() && image.width() >= 900);
        QFile csv(directory.filePath(QStringLiteral("sweep.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readAll().contains("s3fifo,capacity,2000,belady_hit_ratio,"));
        QString error;
        QVERIFY(!window->exportTo(directory.filePath(QStringLiteral("sweep.bmp")), &error));
        QVERIFY2(error.contains(".png, .svg, .pdf or .csv"), qPrintable(error));
    }

    void cancelKeepsTheFinishedPoints()
    {
        ProfilingController controller;
        SweepWindow* window = openSmallCacheSweep(controller);
        QVERIFY(window->setSweep(QStringLiteral("capacity=50..5000:log:40"), {}, 3));
        QVERIFY(window->requestSweep());
        QTRY_VERIFY_WITH_TIMEOUT(window->result() && window->result()->finishedPoints() >= 2, 60000);
        Q_EMIT window->cancelRequested();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isRunning(), 60000);
        QVERIFY(window->result()->cancelled);
        QVERIFY(window->result()->finishedPoints() >= 2 && window->result()->finishedPoints() < 40);
        QVERIFY2(window->statusText().startsWith("Cancelled:"), qPrintable(window->statusText()));
    }

    void aSweepAndARunDoNotQueueBehindEachOther()
    {
        ProfilingController controller;
        SweepWindow* window = openSmallCacheSweep(controller);
        ProfilingPage* page = controller.page();
        QVERIFY(window->setSweep(QStringLiteral("capacity=50..5000:log:40"), {}, 3));
        QVERIFY(window->requestSweep());
        QTRY_VERIFY_WITH_TIMEOUT(window->result() && window->result()->finishedPoints() >= 1, 60000);
        QVERIFY(!page->requestRun());
        QVERIFY2(page->statusText().contains("A sweep is running"), qPrintable(page->statusText()));
        Q_EMIT window->cancelRequested();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isRunning(), 60000);
        // And the other way round.
        QVERIFY(page->setParameter(QStringLiteral("duration_ms"), QStringLiteral("60000")));
        QVERIFY(page->requestRun());
        QVERIFY(!window->requestSweep());
        QVERIFY2(window->statusText().contains("A profiling run is going"), qPrintable(window->statusText()));
        Q_EMIT page->cancelRequested();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 60000);
    }

    void aBadRangeIsRefusedInTheForm()
    {
        ProfilingController controller;
        SweepWindow* window = openSmallCacheSweep(controller);
        QVERIFY(!window->setSweep(QStringLiteral("capacity=0..10:log")));
        QVERIFY2(window->statusText().contains("leaves the parameter's range"), qPrintable(window->statusText()));
        QVERIFY(!window->isRunning());
    }

    void aPoolsKneeIsMarked()
    {
        SweepResult result;
        result.component = QStringLiteral("pool");
        QString error;
        result.spec = *SweepSpec::parse(QStringLiteral("pool"), QStringLiteral("workers=1..6:lin:6"), &error);
        result.values = result.spec.values(QStringLiteral("pool"));
        SweepCurve curve;
        for (const double throughput : { 100.0, 200.0, 202.0, 204.0, 203.0, 205.0 }) {
            ProfileRun run;
            run.repetitions << RepetitionResult { 0, 1, { { QStringLiteral("throughput_ops_per_s"), throughput } } };
            curve.runs << run;
        }
        result.curves << curve;
        SweepChart chart;
        chart.resize(800, 500);
        chart.show();
        chart.setResult(result, QStringLiteral("throughput_ops_per_s"));
        QCOMPARE(chart.kneeLabel(), QStringLiteral("knee: workers=2"));
        chart.setResult(result, QStringLiteral("latency_p95_us"));
        QVERIFY(chart.kneeLabel().isEmpty());
    }
};

PERFDASH_TEST_MAIN(TestSweepWindow)
#include "tst_sweepwindow.moc"
