#include "DashboardActions.h"
#include "GuiSession.h"
#include "HeadlessTestMain.h"
#include "MainWindow.h"
#include "ProfilingController.h"
#include "ProfilingPage.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace perfdash;

// The Profiling page driven as a user would, with the real run engine on its worker thread.
class TestProfilingPage : public QObject {
    Q_OBJECT

    static void smallCache(ProfilingPage* page, int repetitions)
    {
        page->setComponent(QStringLiteral("cache"));
        QVERIFY(page->setParameter(QStringLiteral("ops"), QStringLiteral("20000")));
        QVERIFY(page->setParameter(QStringLiteral("keys"), QStringLiteral("5000")));
        QVERIFY(page->setParameter(QStringLiteral("capacity"), QStringLiteral("500")));
        QVERIFY(page->setParameter(QStringLiteral("miss_latency_us"), QStringLiteral("0")));
        page->setRepetitions(repetitions);
    }

    // With PERFDASH_SCREENSHOT_DIR set (under xvfb-run, QT_QPA_PLATFORM=xcb) the page is saved for a look.
    static void screenshot(ProfilingPage* page, const char* name)
    {
        const QString directory = qEnvironmentVariable("PERFDASH_SCREENSHOT_DIR");
        if (!directory.isEmpty())
            QVERIFY(page->window()->grab().save(directory + u'/' + QLatin1String(name), "PNG"));
    }

    static QString verdictOf(const QTableWidget* table, const QString& label)
    {
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 0)->text() == label)
                return table->item(row, 5)->text();
        }
        return {};
    }

private Q_SLOTS:
    void theWindowHasAProfilingTab()
    {
        GuiSession session(GuiOptions {});
        QTabWidget* pages = session.window()->pages();
        bool found = false;
        for (int i = 0; i < pages->count(); ++i)
            found = found || (pages->tabText(i) == u"Profiling" && qobject_cast<ProfilingPage*>(pages->widget(i)));
        QVERIFY(found);
    }

    void theEventLoopStaysResponsiveDuringARun()
    {
        ProfilingController controller;
        ProfilingPage* page = controller.page();
        page->resize(1400, 850);
        page->show();
        smallCache(page, 2);
        QVERIFY(page->setParameter(QStringLiteral("duration_ms"), QStringLiteral("1200")));
        QVERIFY(page->setParameter(QStringLiteral("miss_latency_us"), QStringLiteral("20")));

        // A 20 ms timer: the largest gap between its ticks is how long the event loop was blocked.
        QElapsedTimer sinceTick;
        qint64 worstGap = 0;
        QTimer heartbeat;
        connect(&heartbeat, &QTimer::timeout, this, [&] { worstGap = std::max(worstGap, sinceTick.restart()); });
        QVERIFY(page->requestRun());
        sinceTick.start();
        heartbeat.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(page->isRunning() && page->livePointCount() > 30, 10000);
        screenshot(page, "profiling-during.png");
        sinceTick.restart(); // the grab is the test's own work, not the page's
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 20000);
        heartbeat.stop();
        QVERIFY2(worstGap < 200, qPrintable(QStringLiteral("event loop blocked for %1 ms").arg(worstGap)));
        qInfo("worst gap between 20 ms ticks during the run: %lld ms", worstGap);

        QVERIFY(page->lastRun());
        QCOMPARE(page->lastRun()->repetitions.size(), 2);
        QCOMPARE(page->resultsTable()->rowCount(), 2);
        QVERIFY(page->statusText().startsWith(QStringLiteral("Done")));
    }

    void pinnedBaselineIsComparedWithTheNextRun()
    {
        ProfilingController controller;
        ProfilingPage* page = controller.page();
        page->resize(1440, 860);
        page->show();
        smallCache(page, 9);
        QVERIFY(page->requestRun());
        QTRY_VERIFY_WITH_TIMEOUT(page->lastRun() && !page->isRunning(), 60000);
        page->pinBaseline();
        QVERIFY(page->baseline());

        QVERIFY(page->setParameter(QStringLiteral("capacity"), QStringLiteral("20")));
        QVERIFY(page->requestRun());
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 60000);
        QCOMPARE(page->lastRun()->settings.integer(QStringLiteral("capacity")), 20);
        QCOMPARE(verdictOf(page->comparisonTable(), QStringLiteral("Hit ratio")), QStringLiteral("worse, significant"));
        screenshot(page, "profiling-after.png");
    }

    // File → Export Snapshot Bundle in the whole app: the manifest has the Profiling tab's open comparison.
    void snapshotBundleCarriesTheOpenComparison()
    {
        GuiSession session(GuiOptions {});
        ProfilingPage* page = session.profiling()->page();
        DashboardActions* actions = session.window()->dashboardActions();
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        auto manifest = [&](const QString& name) {
            QString error;
            const QString path = directory.filePath(name);
            [&] { QVERIFY2(actions->exportBundle(path, 1, &error), qPrintable(error)); }();
            QFile file(path + QStringLiteral("/manifest.json"));
            return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
        };

        smallCache(page, 9);
        QVERIFY(page->requestRun());
        QTRY_VERIFY_WITH_TIMEOUT(page->lastRun() && !page->isRunning(), 60000);
        const QJsonObject withoutBaseline = manifest(QStringLiteral("before-pin"));
        QVERIFY(withoutBaseline.contains(QStringLiteral("panels")));
        QVERIFY(!withoutBaseline.contains(QStringLiteral("profilingComparison")));

        page->pinBaseline();
        QVERIFY(page->setParameter(QStringLiteral("capacity"), QStringLiteral("20")));
        QVERIFY(page->requestRun());
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 60000);
        QVERIFY(page->openComparison());
        QCOMPARE(verdictOf(page->comparisonTable(), QStringLiteral("Hit ratio")), QStringLiteral("worse, significant"));

        const QJsonObject table
            = manifest(QStringLiteral("compared")).value(QStringLiteral("profilingComparison")).toObject();
        QCOMPARE(table.value(QStringLiteral("compared"))
                     .toObject()
                     .value(QStringLiteral("parameters"))
                     .toObject()
                     .value(QStringLiteral("capacity")),
            QJsonValue(20));
        QCOMPARE(table.value(QStringLiteral("baseline"))
                     .toObject()
                     .value(QStringLiteral("parameters"))
                     .toObject()
                     .value(QStringLiteral("capacity")),
            QJsonValue(500));
        const QJsonArray rows = table.value(QStringLiteral("rows")).toArray();
        const QList<MetricComparison>& shown = page->openComparison()->rows();
        QCOMPARE(rows.size(), shown.size());
        bool sawHitRatio = false;
        for (int i = 0; i < rows.size(); ++i) {
            const QJsonObject row = rows[i].toObject();
            QCOMPARE(row.value(QStringLiteral("metric")).toString(), shown[i].metric.name);
            QCOMPARE(row.value(QStringLiteral("verdict")).toString(), shown[i].verdict);
            QCOMPARE(row.value(QStringLiteral("pValue")).toDouble(), shown[i].pValue);
            if (shown[i].metric.name == u"hit_ratio") {
                sawHitRatio = true;
                QCOMPARE(row.value(QStringLiteral("verdict")).toString(), QStringLiteral("worse, significant"));
                QCOMPARE(row.value(QStringLiteral("regression")), QJsonValue(true));
            }
        }
        QVERIFY(sawHitRatio);
    }

    void cancelStopsTheRun()
    {
        ProfilingController controller;
        ProfilingPage* page = controller.page();
        smallCache(page, 5);
        QVERIFY(page->setParameter(QStringLiteral("duration_ms"), QStringLiteral("60000")));
        QVERIFY(page->requestRun());
        QTRY_VERIFY_WITH_TIMEOUT(page->livePointCount() > 2, 10000);
        QMetaObject::invokeMethod(page, [page] { Q_EMIT page->cancelRequested(); });
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 10000);
        QVERIFY(page->lastRun()->cancelled);
        QVERIFY2(page->statusText().startsWith(QStringLiteral("Cancelled")), qPrintable(page->statusText()));
    }

    void aCancelBeforeTheRunStartsStillReachesIt()
    {
        ProfilingController controller;
        ProfilingPage* page = controller.page();
        smallCache(page, 5);
        QVERIFY(page->setParameter(QStringLiteral("duration_ms"), QStringLiteral("60000")));
        // Asked for and cancelled in the same turn of the event loop: the run is still queued for its
        // thread when the cancel arrives, and must not then run for a minute.
        QVERIFY(page->requestRun());
        Q_EMIT page->cancelRequested();
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 10000);
        QVERIFY(clock.elapsed() < 10000);
        QVERIFY(page->lastRun()->cancelled);
        QVERIFY(page->lastRun()->repetitions.isEmpty());
    }

    void aTwoTierRunShowsEachTier()
    {
        ProfilingController controller;
        ProfilingPage* page = controller.page();
        page->resize(1440, 860);
        page->show();
        smallCache(page, 2);
        QVERIFY(page->setParameter(QStringLiteral("redis"), QStringLiteral("private")));
        QVERIFY(page->setParameter(QStringLiteral("redis_timeout_ms"), QStringLiteral("5000"))); // a loaded machine
        QVERIFY(page->requestRun());
        QTRY_VERIFY_WITH_TIMEOUT(page->lastRun() && !page->isRunning(), 30000);
        QVERIFY2(page->statusText() == QStringLiteral("Done: 2 repetitions."), qPrintable(page->statusText()));
        QVERIFY2(page->referencesText().contains(QStringLiteral("Redis (L2)"))
                && page->referencesText().contains(QStringLiteral("0 errors")),
            qPrintable(page->referencesText()));
        screenshot(page, "profiling-two-tier.png");
    }

    void aRedisThatIsDownIsShownAndTheRunFinishes()
    {
        ProfilingController controller;
        ProfilingPage* page = controller.page();
        smallCache(page, 1);
        // Port 1 on loopback: nothing listens, connections are refused at once.
        QVERIFY(page->setParameter(QStringLiteral("redis"), QStringLiteral("redis://127.0.0.1:1")));
        QVERIFY(page->requestRun());
        QTRY_VERIFY_WITH_TIMEOUT(page->lastRun() && !page->isRunning(), 30000);
        QCOMPARE(page->lastRun()->repetitions.size(), 1);
        QVERIFY2(page->statusText().contains(QStringLiteral("with problems"))
                && page->statusText().contains(QStringLiteral("Connection refused")),
            qPrintable(page->statusText()));
    }

    void badParametersAreShownAndNothingRuns()
    {
        ProfilingController controller;
        ProfilingPage* page = controller.page();
        page->setComponent(QStringLiteral("limiter"));
        QVERIFY(page->setParameter(QStringLiteral("rate"), QStringLiteral("fast")));
        QVERIFY(!page->requestRun());
        QVERIFY(!page->isRunning());
        QCOMPARE(page->statusText(), QStringLiteral("\"rate\" takes a number from 0.001 to 1e+09, not \"fast\""));
    }
};

PERFDASH_TEST_MAIN(TestProfilingPage)
#include "tst_profilingpage.moc"
