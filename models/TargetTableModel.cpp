#include "TargetTableModel.h"

#include "ValueFormat.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

TargetTableModel::TargetTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TargetTableModel::setPanels(const QList<PanelSpec>& panels)
{
    beginResetModel();
    m_panels = panels;
    m_current.assign(std::size_t(panels.size()), std::numeric_limits<double>::quiet_NaN());
    endResetModel();
}

void TargetTableModel::setCurrentValue(int row, double current)
{
    if (row < 0 || row >= rowCount())
        return;
    double& stored = m_current[std::size_t(row)];
    const bool bothNaN = std::isnan(stored) && std::isnan(current);
    if (bothNaN || (stored == current && std::signbit(stored) == std::signbit(current)))
        return;
    stored = current;
    // Current, change and status change, and every cell's MetRole and RawValueRole follow the row.
    emit dataChanged(index(row, 0), index(row, NUM_COLUMNS - 1));
}

void TargetTableModel::setCursor(std::optional<qint64> timeMs, const QList<double>& valuesAtCursor)
{
    if (!timeMs && !m_cursorTime)
        return;
    m_cursorTime = timeMs;
    m_cursorValues = valuesAtCursor;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, NUM_COLUMNS - 1));
    emit headerDataChanged(Qt::Horizontal, CurrentColumn, CurrentColumn);
}

double TargetTableModel::shownValue(int row) const
{
    if (m_cursorTime)
        return m_cursorValues.value(row, std::numeric_limits<double>::quiet_NaN());
    return m_current[std::size_t(row)];
}

int TargetTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_panels.size()); }

int TargetTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : NUM_COLUMNS; }

QVariant TargetTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PanelSpec& panel = m_panels.at(index.row());
    const double current = shownValue(index.row());
    const bool hasData = !std::isnan(current);
    const TargetEvaluation evaluation = evaluateTarget(panel.target, current);

    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case NameColumn:
            return panel.title;
        case CurrentColumn:
            return formatValue(current, panel.unit);
        case TargetColumn:
            if (!panel.target.hasTarget())
                return QStringLiteral("none");
            return directionSymbol(panel.target.direction) + u' ' + formatValue(panel.target.target, panel.unit);
        case BaselineColumn:
            return formatValue(panel.target.baseline, panel.unit);
        case ChangeColumn:
            return formatPercentChange(evaluation.changeVsBaselinePercent);
        case StatusColumn:
            return !hasData                 ? QStringLiteral("no data")
                : !panel.target.hasTarget() ? QStringLiteral("no target")
                : evaluation.met            ? QStringLiteral("met")
                                            : QStringLiteral("not met");
        case NUM_COLUMNS:
            break;
        }
        return {};
    case Qt::TextAlignmentRole: // as int: what Qt 6.4's delegates read
        if (index.column() == NameColumn || index.column() == StatusColumn)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case MetRole:
        return hasData && panel.target.hasTarget() ? QVariant(evaluation.met) : QVariant();
    case RawValueRole:
        // The number behind the cell, so a proxy can sort numerically; the row's current value for
        // the text columns.
        switch (Column(index.column())) {
        case TargetColumn:
            return panel.target.target;
        case BaselineColumn:
            return panel.target.baseline;
        case ChangeColumn:
            return evaluation.changeVsBaselinePercent;
        default:
            return current;
        }
    default:
        return {};
    }
}

QVariant TargetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case CurrentColumn:
        return m_cursorTime
            ? tr("at %1").arg(QDateTime::fromMSecsSinceEpoch(*m_cursorTime).toString(QStringLiteral("HH:mm:ss")))
            : tr("Current");
    case TargetColumn:
        return tr("Target");
    case BaselineColumn:
        return tr("Baseline");
    case ChangeColumn:
        return tr("Change");
    case StatusColumn:
        return tr("Status");
    case NUM_COLUMNS:
        break;
    }
    return {};
}

} // namespace perfdash
