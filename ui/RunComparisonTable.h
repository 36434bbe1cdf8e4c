#pragma once

#include <QTableWidget>

namespace perfdash {

class RunComparison;

// A run compared with the baseline, one row per metric: both medians, the change, p and the verdict,
// a regression in red and a significant improvement in green.
class RunComparisonTable : public QTableWidget {
    Q_OBJECT
public:
    explicit RunComparisonTable(QWidget* parent = nullptr);

    void showComparison(const RunComparison& comparison);
    void clearComparison() { setRowCount(0); }

protected:
    void changeEvent(QEvent* event) override;

private:
    // Regressions in the theme's red, significant improvements in its green.
    void colorVerdicts();
};

} // namespace perfdash
