#include "HeadlessTestMain.h"
#include "RunHistoryChart.h"
#include "RunHistoryWindow.h"
#include "SyntheticRunHistory.h"

#include <QComboBox>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace perfdash;

// Profiling → Run history as a user opens it: a folder of 30 runs with a regression injected at run 21.
class TestRunHistoryWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_directory.isValid()); }

    void aFolderShowsTheRegressionWhereItHappened()
    {
        const QString folder = m_directory.filePath(QStringLiteral("regressed"));
        writeSyntheticCacheHistory(folder, 21, 0.80, 0.74);
        RunHistoryWindow window;
        QSignalSpy annotated(&window, &RunHistoryWindow::changePointsAnnotated);
        window.show();
        QString error;
        QVERIFY2(window.openFolder(folder, &error), qPrintable(error));
        QVERIFY(window.isAnalysing()); // on a pool thread: the window stays responsive
        QTRY_VERIFY(!window.isAnalysing());
        // The metric that changed is the one shown first.
        QCOMPARE(window.chart()->pointCount(), 30);
        // The hit ratio fell from about 0.80 to 0.74, −7.5 % give or take the noise.
        QCOMPARE(window.chart()->markerLabels().size(), 1);
        QVERIFY2(QRegularExpression(QStringLiteral(R"(^run 21: −[678]\.\d %$)"))
                     .match(window.chart()->markerLabels()[0])
                     .hasMatch(),
            qPrintable(window.chart()->markerLabels()[0]));
        QVERIFY2(
            window.statusText().contains("The latest segment regressed: Hit ratio"), qPrintable(window.statusText()));
        QVERIFY(window.reportText().contains("result: regression (Hit ratio at run 21)"));
        // The metric list says which one regressed.
        auto* metrics = window.findChild<QComboBox*>();
        QVERIFY(metrics->currentText().startsWith("Hit ratio"));
        QVERIFY(metrics->currentText().contains("regression"));
        // The change point is also a mark for the dashboards' timeline, at run 21's start.
        QCOMPARE(annotated.count(), 1);
        const auto marks = annotated.first().first().value<QList<Annotation>>();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks[0].timeMs, QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch());
        QVERIFY(marks[0].text.contains("Hit ratio"));
        QVERIFY(marks[0].text.contains("commit-09.json, regression"));
        QVERIFY(marks[0].hasTag("change point"));

        QVERIFY(window.showMetric(QStringLiteral("latency_p95_us")));
        QCOMPARE(window.chart()->pointCount(), 30);
        QVERIFY(window.chart()->markerLabels().isEmpty());
    }

    void theDetectorsOptionsReanalyse()
    {
        const QString folder = m_directory.filePath(QStringLiteral("options"));
        writeSyntheticCacheHistory(folder, 21, 0.80, 0.74);
        RunHistoryWindow window;
        QVERIFY(window.openFolder(folder));
        QTRY_VERIFY(!window.isAnalysing());
        QCOMPARE(window.chart()->markerLabels().size(), 1);
        // 30 runs cannot make two segments of 16.
        QSignalSpy annotated(&window, &RunHistoryWindow::changePointsAnnotated);
        window.findChild<QSpinBox*>()->setValue(16);
        QTRY_VERIFY(!window.isAnalysing());
        // The timeline's marks are replaced by none.
        QCOMPARE(annotated.count(), 1);
        QVERIFY(annotated.first().first().value<QList<Annotation>>().isEmpty());
        QVERIFY(window.chart()->markerLabels().isEmpty());
        QVERIFY(window.reportText().contains("at least 16 runs a side"));
        QVERIFY(!window.statusText().contains("regressed"));
    }

    void aBadFileIsNamedAndTheOpenHistoryStays()
    {
        const QString good = m_directory.filePath(QStringLiteral("good"));
        writeSyntheticCacheHistory(good, 21, 0.80, 0.74);
        const QString bad = m_directory.filePath(QStringLiteral("bad"));
        writeSyntheticCacheHistory(bad, 21, 0.80, 0.74);
        QFile broken(bad + QStringLiteral("/commit-15.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{ not json");
        broken.close();

        RunHistoryWindow window;
        QVERIFY(window.openFolder(good));
        QTRY_VERIFY(!window.isAnalysing());
        QString error;
        QVERIFY(!window.openFolder(bad, &error));
        QVERIFY2(error.contains("commit-15.json"), qPrintable(error));
        QVERIFY(window.statusText().contains("commit-15.json"));
        QCOMPARE(window.chart()->pointCount(), 30);

        QVERIFY(!window.openFolder(m_directory.filePath(QStringLiteral("nowhere")), &error));
        QVERIFY2(error.contains("nowhere"), qPrintable(error));
    }
};

PERFDASH_TEST_MAIN(TestRunHistoryWindow)
#include "tst_runhistorywindow.moc"
