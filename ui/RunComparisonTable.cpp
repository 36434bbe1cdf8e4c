#include "RunComparisonTable.h"

#include "ProfileTableCells.h"
#include "RunComparison.h"

#include <QHeaderView>
#include <cmath>

namespace perfdash {

RunComparisonTable::RunComparisonTable(QWidget* parent)
    : QTableWidget(0, 6, parent)
{
    setHorizontalHeaderLabels({ tr("Metric"), tr("Baseline"), tr("This run"), tr("Change"), tr("p"), tr("Verdict") });
    verticalHeader()->setVisible(false);
    horizontalHeader()->setStretchLastSection(true);
}

void RunComparisonTable::showComparison(const RunComparison& comparison)
{
    setRowCount(int(comparison.rows().size()));
    for (int row = 0; row < comparison.rows().size(); ++row) {
        const MetricComparison& line = comparison.rows()[row];
        setItem(row, 0, profileTableItem(line.metric.label, Qt::AlignLeft | Qt::AlignVCenter));
        setItem(row, 1, profileTableItem(profileCellText(line.baseMedian)));
        setItem(row, 2, profileTableItem(profileCellText(line.newMedian)));
        setItem(row, 3,
            profileTableItem(std::isfinite(line.relativeChange) ? QStringLiteral("%1%2 %")
                                                                      .arg(line.relativeChange >= 0 ? "+" : "")
                                                                      .arg(line.relativeChange * 100, 0, 'f', 1)
                                                                : QStringLiteral("–")));
        setItem(row, 4, profileTableItem(QString::number(line.pValue, 'g', 3)));
        auto* verdict = profileTableItem(line.verdict, Qt::AlignLeft | Qt::AlignVCenter);
        if (line.regression)
            verdict->setForeground(QColor(0xc6, 0x28, 0x28));
        else if (line.significant && line.metric.direction != MetricDirection::Informational)
            verdict->setForeground(QColor(0x2e, 0x7d, 0x32));
        setItem(row, 5, verdict);
    }
    resizeColumnsToContents();
}

} // namespace perfdash
