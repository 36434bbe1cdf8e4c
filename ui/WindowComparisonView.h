#pragma once

#include "WindowComparison.h"

#include <QWidget>

namespace perfdash {

// One panel's before/after comparison, in place of its chart: for each series (the worst first, up to
// four) the two windows' box plots side by side against the target and baseline lines, and under them
// the numbers (medians, % change, target met, the 20 % goal) and the verdict with its method and
// effective sample sizes. A warning stands where too few independent samples allow no verdict.
class WindowComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit WindowComparisonView(const QString& unit, QWidget* parent = nullptr);

    void setComparison(const PanelWindowComparison& comparison);
    const PanelWindowComparison& comparison() const { return m_comparison; }
    // The words under the plot, one line per series then the method (for tests and the tooltip).
    QStringList summaryLines() const;

    QSize minimumSizeHint() const override { return { 320, 200 }; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_unit;
    PanelWindowComparison m_comparison;
};

} // namespace perfdash
