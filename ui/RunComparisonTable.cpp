#include "RunComparisonTable.h"

#include "ProfileTableCells.h"
#include "RunComparison.h"
#include "Theme.h"

#include <QEvent>
#include <QHeaderView>
#include <cmath>

namespace perfdash {

namespace {
    // A verdict cell's meaning, kept so its colour can follow the theme.
    constexpr int verdictToneRole = Qt::UserRole + 1;
    enum class VerdictTone { Regression, Improvement };
}

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
            verdict->setData(verdictToneRole, int(VerdictTone::Regression));
        else if (line.significant && line.metric.direction != MetricDirection::Informational)
            verdict->setData(verdictToneRole, int(VerdictTone::Improvement));
        setItem(row, 5, verdict);
    }
    colorVerdicts();
    resizeColumnsToContents();
}

void RunComparisonTable::colorVerdicts()
{
    const Theme& theme = Theme::of(this);
    for (int row = 0; row < rowCount(); ++row) {
        QTableWidgetItem* verdict = item(row, 5);
        if (!verdict)
            continue;
        const QVariant tone = verdict->data(verdictToneRole);
        if (tone.isValid())
            verdict->setForeground(VerdictTone(tone.toInt()) == VerdictTone::Regression ? theme.bad : theme.good);
    }
}

void RunComparisonTable::changeEvent(QEvent* event)
{
    QTableWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        colorVerdicts();
}

} // namespace perfdash
