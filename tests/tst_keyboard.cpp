#include "ChartPanel.h"
#include "DashboardActions.h"
#include "DashboardView.h"
#include "HeadlessTestMain.h"
#include "MainWindow.h"
#include "ShortcutsDialog.h"
#include "StartedSession.h"
#include "WindowState.h"

#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace perfdash;

// Grafana's keys on the real window, and the window coming back as it was left.
class TestKeyboard : public QObject {
    Q_OBJECT

    static bool listed(const ShortcutsDialog& dialog, const QString& action, const QString& keys)
    {
        for (int row = 0; row < dialog.table()->rowCount(); ++row) {
            if (dialog.table()->item(row, 0)->text() == action)
                return dialog.table()->item(row, 1)->text().contains(keys);
        }
        return false;
    }

private Q_SLOTS:
    void undoBringsBackARemovedMovedOrEditedPanel()
    {
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        MainWindow* window = session.window();
        DashboardActions* actions = window->dashboardActions();
        const DashboardSpec original = actions->dashboard();
        QVERIFY(!actions->canUndo());
        actions->removePanel(1);
        actions->movePanel(0, 1);
        PanelSpec edited = actions->dashboard().panels[0];
        edited.title = QStringLiteral("edited");
        actions->replacePanel(0, edited);
        QCOMPARE(actions->dashboard().panels[0].title, QStringLiteral("edited"));

        window->show();
        QVERIFY(QTest::qWaitForWindowActive(window));
        for (int step = 0; step < 3; ++step)
            QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(actions->dashboard().panels, original.panels);
        QVERIFY(!actions->canUndo());
        QVERIFY(!actions->undo());
    }

    void viewAPanelAloneAndEscBackToTheGrid()
    {
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        MainWindow* window = session.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowActive(window));
        DashboardView* view = window->dashboard();
        view->setFocus();
        view->viewPanel(2);
        QCOMPARE(view->viewedPanel(), 2);
        for (int index = 0; index < view->panels().size(); ++index)
            QCOMPARE(view->panels()[index]->isVisible(), index == 2);
        QTRY_VERIFY(view->panels()[2]->width() > view->width() * 0.9);
        QTest::keyClick(view, Qt::Key_Escape);
        QCOMPARE(view->viewedPanel(), -1);
        for (ChartPanel* panel : view->panels())
            QVERIFY(panel->isVisible());
        QVERIFY(view->isLive());
    }

    void tThenArrowShiftsTheRangeByHalf()
    {
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        MainWindow* window = session.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowActive(window));
        DashboardView* view = window->dashboard();
        view->setFocus();
        const TimeRange live = view->currentRange();
        QTest::keyClick(view, Qt::Key_T);
        QTest::keyClick(view, Qt::Key_Left);
        QVERIFY(!view->isLive());
        const TimeRange shifted = view->currentRange();
        QCOMPARE(shifted.lengthMs(), live.lengthMs());
        // Half a range back (the live range moved on by a few ms meanwhile).
        QVERIFY(std::abs((live.toMs - shifted.toMs) - live.lengthMs() / 2) < 1000);
        QTest::keyClick(view, Qt::Key_Escape); // live again
        QVERIFY(view->isLive());
    }

    void questionMarkListsTheShortcuts()
    {
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        ShortcutsDialog dialog(session.window());
        QVERIFY(listed(dialog, QStringLiteral("Save"), QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
        QVERIFY(listed(dialog, QStringLiteral("Undo Panel Change"), QStringLiteral("Ctrl+Z")));
        QVERIFY(listed(dialog, QStringLiteral("Edit Panel Under Mouse"), QStringLiteral("E")));
        QVERIFY(listed(dialog, QStringLiteral("View Panel"), QStringLiteral("V")));
        QVERIFY(listed(dialog, QStringLiteral("Shift Range Back"), QStringLiteral("T, Left")));
        QVERIFY(listed(dialog, QStringLiteral("Keyboard Shortcuts"), QStringLiteral("?")));
        QVERIFY(listed(dialog, QStringLiteral("Zoom to a range"), QStringLiteral("drag")));
    }

    void theWindowComesBackAsItWasLeft()
    {
        QTemporaryDir directory;
        QSettings settings(directory.filePath(QStringLiteral("perfdash.ini")), QSettings::IniFormat);
        QSize left;
        {
            StartedSession session;
            QVERIFY2(session.isStarted(), qPrintable(session.startError()));
            MainWindow* window = session.window();
            window->resize(1100, 700);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window));
            window->pages()->setCurrentIndex(window->pages()->count() - 1);
            QSplitter* splitter = window->findChild<QSplitter*>(QStringLiteral("profilingTables"));
            QVERIFY(splitter);
            splitter->setSizes({ 100, 400 });
            left = window->size();
            saveWindowState(*window, settings);
        }
        StartedSession session;
        QVERIFY2(session.isStarted(), qPrintable(session.startError()));
        MainWindow* window = session.window();
        restoreWindowState(*window, settings);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QCOMPARE(window->pages()->currentIndex(), window->pages()->count() - 1);
        QVERIFY2(std::abs(window->width() - left.width()) < 40 && std::abs(window->height() - left.height()) < 40,
            qPrintable(QStringLiteral("%1x%2, left at %3x%4")
                           .arg(window->width())
                           .arg(window->height())
                           .arg(left.width())
                           .arg(left.height())));
        const QList<int> sizes = window->findChild<QSplitter*>(QStringLiteral("profilingTables"))->sizes();
        QVERIFY2(sizes.value(0) < sizes.value(1), qPrintable(QStringLiteral("%1 %2").arg(sizes.value(0)).arg(sizes.value(1))));
    }
};

PERFDASH_TEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
