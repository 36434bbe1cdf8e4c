#pragma once

#include "PanelSpec.h"

#include <QAbstractTableModel>

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

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PanelSpec> m_panels;
    std::vector<double> m_current;
};

} // namespace perfdash
