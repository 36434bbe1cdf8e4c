#include "HeadlessTestMain.h"
#include "TargetTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <limits>

using namespace perfdash;

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
const QString dash = QStringLiteral("\u2014");
const QString minus = QStringLiteral("\u2212");

PanelSpec panel(const char* title, const char* unit, TargetSpec target, ScorecardReduce reduce)
{
    PanelSpec spec;
    spec.title = QString::fromUtf8(title);
    spec.metric = spec.title;
    spec.unit = QString::fromUtf8(unit);
    spec.target = target;
    spec.reduce = reduce;
    return spec;
}

QList<PanelSpec> panels()
{
    return {
        panel("API response time p95", "s", { 2.0, 1.6, Direction::LowerIsBetter }, ScorecardReduce::WorstLatest),
        panel("Cache hit ratio", "%", { 60.0, 80.0, Direction::HigherIsBetter }, ScorecardReduce::WorstLatest),
        panel("Peak memory", "MB", { 512.0, 410.0, Direction::LowerIsBetter }, ScorecardReduce::WindowPeak),
        panel("Unitless", "", { 0.0, 0.05, Direction::LowerIsBetter }, ScorecardReduce::WorstLatest),
    };
}
}

class TestTargetTableModel : public QObject {
    Q_OBJECT

private slots:
    void passesModelTester()
    {
        TargetTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPanels(panels());
        model.setCurrentValue(0, 1.83);
        model.setCurrentValue(1, notANumber);
        model.setCurrentValue(2, 498.0);
        model.setPanels(panels().mid(0, 2));
        model.setPanels({});
        QCOMPARE(model.rowCount(), 0);
    }

    void displayStrings_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<double>("current");
        QTest::addColumn<QStringList>("expected"); // Name, Current, Target, Baseline, Change, Status

        QTest::addRow("latency improved, not met")
            << 0 << 1.83
            << QStringList { "API response time p95", "1.83 s", "< 1.6 s", "2 s", minus + "8.5 %", "not met" };
        QTest::addRow("latency met") << 0 << 1.2
                                     << QStringList { "API response time p95", "1.2 s", "< 1.6 s", "2 s",
                                            minus + "40.0 %", "met" };
        QTest::addRow("latency exactly at target is not met")
            << 0 << 1.6
            << QStringList { "API response time p95", "1.6 s", "< 1.6 s", "2 s", minus + "20.0 %", "not met" };
        QTest::addRow("latency worse than baseline")
            << 0 << 2.246 << QStringList { "API response time p95", "2.25 s", "< 1.6 s", "2 s", "+12.3 %", "not met" };
        QTest::addRow("no data") << 0 << notANumber
                                 << QStringList { "API response time p95", dash, "< 1.6 s", "2 s", dash, "no data" };
        QTest::addRow("ratio met") << 1 << 82.43
                                   << QStringList { "Cache hit ratio", "82.4 %", "> 80 %", "60 %", "+37.4 %", "met" };
        QTest::addRow("ratio at baseline")
            << 1 << 60.0 << QStringList { "Cache hit ratio", "60 %", "> 80 %", "60 %", "0.0 %", "not met" };
        QTest::addRow("memory") << 2 << 498.2
                                << QStringList { "Peak memory", "498 MB", "< 410 MB", "512 MB", minus + "2.7 %",
                                       "not met" };
        QTest::addRow("memory above a thousand")
            << 2 << 1234.7 << QStringList { "Peak memory", "1235 MB", "< 410 MB", "512 MB", "+141.2 %", "not met" };
        QTest::addRow("no unit, zero baseline")
            << 3 << 0.0123 << QStringList { "Unitless", "0.0123", "< 0.05", "0", dash, "met" };
        QTest::addRow("infinite") << 0 << std::numeric_limits<double>::infinity()
                                  << QStringList { "API response time p95", "\u221e s", "< 1.6 s", "2 s", dash,
                                         "not met" };
    }

    void displayStrings()
    {
        QFETCH(int, row);
        QFETCH(double, current);
        QFETCH(QStringList, expected);
        TargetTableModel model;
        model.setPanels(panels());
        model.setCurrentValue(row, current);
        QStringList actual;
        for (int column = 0; column < TargetTableModel::NUM_COLUMNS; ++column)
            actual.append(model.index(row, column).data().toString());
        QCOMPARE(actual, expected);
    }

    void roles()
    {
        TargetTableModel model;
        model.setPanels(panels());
        const QModelIndex status = model.index(0, TargetTableModel::StatusColumn);
        QVERIFY(!status.data(TargetTableModel::MetRole).isValid()); // no data yet
        QVERIFY(qIsNaN(status.data(TargetTableModel::RawValueRole).toDouble()));

        model.setCurrentValue(0, 1.5);
        QCOMPARE(status.data(TargetTableModel::MetRole), QVariant(true));
        QCOMPARE(model.index(0, TargetTableModel::CurrentColumn).data(TargetTableModel::RawValueRole).toDouble(), 1.5);
        QCOMPARE(model.index(0, TargetTableModel::TargetColumn).data(TargetTableModel::RawValueRole).toDouble(), 1.6);
        QCOMPARE(model.index(0, TargetTableModel::BaselineColumn).data(TargetTableModel::RawValueRole).toDouble(), 2.0);
        QCOMPARE(model.index(0, TargetTableModel::ChangeColumn).data(TargetTableModel::RawValueRole).toDouble(), -25.0);
        model.setCurrentValue(0, 1.7);
        QCOMPARE(status.data(TargetTableModel::MetRole), QVariant(false));
        // Models stay Qt Core only: no colour roles.
        QVERIFY(!status.data(Qt::ForegroundRole).isValid());
        QVERIFY(!status.data(Qt::BackgroundRole).isValid());
    }

    void alignment()
    {
        TargetTableModel model;
        model.setPanels(panels());
        const auto alignmentOf
            = [&](int column) { return Qt::Alignment(model.index(0, column).data(Qt::TextAlignmentRole).toInt()); };
        QCOMPARE(alignmentOf(TargetTableModel::NameColumn), Qt::AlignLeft | Qt::AlignVCenter);
        QCOMPARE(alignmentOf(TargetTableModel::CurrentColumn), Qt::AlignRight | Qt::AlignVCenter);
    }

    void headers()
    {
        TargetTableModel model;
        QStringList headers;
        for (int column = 0; column < TargetTableModel::NUM_COLUMNS; ++column)
            headers.append(model.headerData(column, Qt::Horizontal).toString());
        QCOMPARE(headers, (QStringList { "Name", "Current", "Target", "Baseline", "Change", "Status" }));
    }

    void setCurrentValueSignalsOnlyItsRow()
    {
        TargetTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPanels(panels());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        model.setCurrentValue(2, 450.0);
        QCOMPARE(changed.size(), 1);
        const QModelIndex topLeft = changed.at(0).at(0).toModelIndex();
        const QModelIndex bottomRight = changed.at(0).at(1).toModelIndex();
        QCOMPARE(topLeft.row(), 2);
        QCOMPARE(bottomRight.row(), 2);
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), TargetTableModel::NUM_COLUMNS - 1);

        model.setCurrentValue(2, 450.0); // unchanged: no signal
        model.setCurrentValue(1, notANumber); // still no data: no signal
        model.setCurrentValue(7, 1.0); // out of range: ignored
        model.setCurrentValue(-1, 1.0);
        QCOMPARE(changed.size(), 1);
        model.setCurrentValue(1, 75.0);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 1);
        QCOMPARE(reset.size(), 0);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestTargetTableModel)
#include "tst_targettablemodel.moc"
