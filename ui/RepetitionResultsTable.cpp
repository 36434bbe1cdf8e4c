#include "RepetitionResultsTable.h"

#include "ProfileMetric.h"
#include "ProfileTableCells.h"

#include <QHeaderView>

namespace perfdash {

namespace {
    QStringList metricsIn(const QList<RepetitionResult>& repetitions)
    {
        QStringList names;
        for (const ProfileMetric& metric : ProfileMetric::all()) {
            for (const RepetitionResult& repetition : repetitions) {
                if (repetition.metrics.contains(metric.name)) {
                    names << metric.name;
                    break;
                }
            }
        }
        return names;
    }
}

RepetitionResultsTable::RepetitionResultsTable(QWidget* parent)
    : QTableWidget(parent)
{
    verticalHeader()->setVisible(false);
    setAlternatingRowColors(true);
}

void RepetitionResultsTable::clearResults()
{
    m_repetitions.clear();
    clear();
    setRowCount(0);
}

void RepetitionResultsTable::addRepetition(const RepetitionResult& result)
{
    m_repetitions << result;
    rebuild();
}

void RepetitionResultsTable::setRepetitions(const QList<RepetitionResult>& repetitions)
{
    m_repetitions.clear();
    // One at a time, as they would have arrived: the same table as a run watched live.
    for (const RepetitionResult& repetition : repetitions)
        addRepetition(repetition);
}

void RepetitionResultsTable::rebuild()
{
    const QStringList metrics = metricsIn(m_repetitions);
    QStringList headers { tr("#"), tr("ms") };
    for (const QString& name : metrics) {
        const ProfileMetric* metric = ProfileMetric::find(name);
        headers << (metric->unit.isEmpty() ? metric->label
                                           : QStringLiteral("%1 (%2)").arg(metric->label, metric->unit));
    }
    setColumnCount(int(headers.size()));
    setHorizontalHeaderLabels(headers);
    setRowCount(int(m_repetitions.size()));
    for (int row = 0; row < m_repetitions.size(); ++row) {
        const RepetitionResult& repetition = m_repetitions[row];
        setItem(row, 0, profileTableItem(QString::number(repetition.index + 1)));
        setItem(row, 1, profileTableItem(QString::number(repetition.durationMs, 'f', 0)));
        for (int column = 0; column < metrics.size(); ++column) {
            const auto value = repetition.metrics.find(metrics[column]);
            setItem(row, column + 2,
                profileTableItem(value == repetition.metrics.end() ? QStringLiteral("–") : profileCellText(*value)));
        }
    }
    resizeColumnsToContents();
    scrollToBottom();
}

} // namespace perfdash
