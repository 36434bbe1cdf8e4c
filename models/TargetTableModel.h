#pragma once

#include "PanelSpec.h"

#include <QAbstractTableModel>
#include <optional>
#include <vector>

namespace perfdash {

// One row per dashboard target: the numbers behind every scorecard, in a table a view can sort and copy.
class TargetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, CurrentColumn, TargetColumn, BaselineColumn, ChangeColumn, StatusColumn, NUM_COLUMNS };
    enum Role { MetRole = Qt::UserRole + 1, RawValueRole };

    explicit TargetTableModel(QObject* parent = nullptr);

    void setPanels(const QList<PanelSpec>& panels);
    // current is in display units; NaN means "no data yet".
    void setCurrentValue(int row, double current);
    // While the crosshair is over a panel, the table shows every row at that time (the "Current" column
    // becomes "at 07:12:03", and change and status follow); nullopt goes back to the current values.
    void setCursor(std::optional<qint64> timeMs, const QList<double>& valuesAtCursor = {});
    std::optional<qint64> cursorTime() const { return m_cursorTime; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    double shownValue(int row) const;

    QList<PanelSpec> m_panels;
    std::vector<double> m_current;
    std::optional<qint64> m_cursorTime;
    QList<double> m_cursorValues;
};

} // namespace perfdash
