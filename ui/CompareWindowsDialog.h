#pragma once

#include "TimeWindow.h"

#include <QDialog>

class QDateTimeEdit;
class QLabel;
class QPushButton;

namespace perfdash {

// Toolbar → Compare Windows…: the before and after windows as dates and times, filled in with a guess
// (around the selected annotation, or the two halves of the range shown).
class CompareWindowsDialog : public QDialog {
    Q_OBJECT
public:
    CompareWindowsDialog(const TimeWindow& before, const TimeWindow& after, QWidget* parent = nullptr);

    TimeWindow before() const;
    TimeWindow after() const;

private:
    void check();

    QDateTimeEdit* m_beforeFrom = nullptr;
    QDateTimeEdit* m_beforeTo = nullptr;
    QDateTimeEdit* m_afterFrom = nullptr;
    QDateTimeEdit* m_afterTo = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace perfdash
