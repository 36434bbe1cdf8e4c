#include "DashboardFile.h"
#include "HeadlessTestMain.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace perfdash;

// A process killed with SIGKILL at a random point of repeated saves must leave a file that loads as
// either the old or the new dashboard: QSaveFile writes a temporary file and renames it into place.
class TestSaveCrash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sigkillDuringSavesLeavesOldOrNew()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("team.perfdash.json"));
        constexpr int kills = 200;
        int sawOld = 0;
        int sawNew = 0;
        for (int round = 0; round < kills; ++round) {
            QProcess saver;
            saver.start(QStringLiteral(PERFDASH_SAVE_LOOP), { path });
            QVERIFY(saver.waitForStarted(5000));
            QVERIFY(saver.waitForReadyRead(30000)); // "ready <ms per save>": both versions were saved once
            const QByteArray ready = saver.readAllStandardOutput().trimmed();
            QVERIFY2(ready.startsWith("ready "), ready.constData());
            const int saveMs = std::max(1, ready.mid(6).toInt());
            // A random point within the next few saves, whatever a save costs on this machine and build.
            QTest::qSleep(QRandomGenerator::global()->bounded(0, 4 * saveMs + 1));
            ::kill(pid_t(saver.processId()), SIGKILL);
            QVERIFY(saver.waitForFinished(5000));
            QCOMPARE(saver.exitStatus(), QProcess::CrashExit);

            const DashboardLoadResult loaded = DashboardFile::loadFile(path);
            QVERIFY2(loaded.dashboard, qPrintable(QStringLiteral("round %1: %2").arg(round).arg(loaded.error)));
            const QString name = loaded.dashboard->name;
            QVERIFY2(name == u"old" || name == u"new", qPrintable(name));
            QCOMPARE(loaded.dashboard->panels.size(), name == u"old" ? 400 : 600);
            (name == u"old" ? sawOld : sawNew)++;
        }
        qInfo("%d kills: the file held the old version %d times and the new one %d times", kills, sawOld, sawNew);
        QVERIFY2(sawOld > 0 && sawNew > 0, "kills never landed between the two versions; the test proves little");
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestSaveCrash)
#include "tst_savecrash.moc"
