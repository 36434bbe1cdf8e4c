#pragma once

#include "DashboardVariable.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;

namespace perfdash {

// The dashboard's variables as dropdowns, Grafana's row above the panels: "Job [node ▾]  Host [h1 ▾]".
// Options come from whoever asks the servers (setOptions); a choice is signalled, never applied here.
// A variable whose values could not be fetched says why in a ⚠ beside it and keeps its saved choice.
class VariableBar : public QWidget {
    Q_OBJECT
public:
    explicit VariableBar(QWidget* parent = nullptr);

    // One dropdown per variable, showing its saved choice until its options arrive.
    void setVariables(const QList<DashboardVariable>& variables);
    void setOptions(int index, const QStringList& options, const QString& choice, const QString& problem);
    int count() const { return int(m_boxes.size()); }
    QComboBox* box(int index) const { return m_boxes.value(index); }
    QString problemText(int index) const;

Q_SIGNALS:
    void choiceChanged(const QString& name, const QString& choice);

private:
    QList<DashboardVariable> m_variables;
    QList<QComboBox*> m_boxes;
    QList<QLabel*> m_problems;
};

} // namespace perfdash
