#include "VariableBar.h"

#include "TextTone.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace perfdash {

VariableBar::VariableBar(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addStretch(1);
}

void VariableBar::setVariables(const QList<DashboardVariable>& variables)
{
    auto* layout = static_cast<QHBoxLayout*>(this->layout());
    while (layout->count() > 1) {
        QLayoutItem* item = layout->takeAt(0);
        delete item->widget();
        delete item;
    }
    m_variables = variables;
    m_boxes.clear();
    m_problems.clear();
    int position = 0;
    for (const DashboardVariable& variable : variables) {
        auto* caption = new QLabel(variable.caption() + QStringLiteral(":"), this);
        auto* box = new QComboBox(this);
        box->setObjectName(QStringLiteral("variable_") + variable.name);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setMinimumContentsLength(8);
        box->setToolTip(QStringLiteral("$%1 in the panels' queries: %2").arg(variable.name, variable.query));
        if (!variable.current.isEmpty())
            box->addItem(variable.current);
        caption->setBuddy(box);
        auto* problem = new QLabel(this);
        setTextTone(problem, TextTone::Warning);
        problem->hide();
        connect(box, &QComboBox::textActivated, this,
            [this, name = variable.name](const QString& choice) { Q_EMIT choiceChanged(name, choice); });
        layout->insertWidget(position++, caption);
        layout->insertWidget(position++, box);
        layout->insertWidget(position++, problem);
        layout->insertSpacing(position++, 12);
        m_boxes << box;
        m_problems << problem;
    }
}

void VariableBar::setOptions(int index, const QStringList& options, const QString& choice, const QString& problem)
{
    if (index < 0 || index >= m_boxes.size())
        return;
    QComboBox* box = m_boxes[index];
    const QSignalBlocker quiet(box);
    box->clear();
    if (m_variables[index].includeAll)
        box->addItem(DashboardVariable::allChoice());
    box->addItems(options);
    if (!choice.isEmpty() && box->findText(choice) < 0)
        box->addItem(choice); // the saved choice, when the server could not say what it offers
    box->setCurrentIndex(std::max(0, box->findText(choice)));
    QLabel* label = m_problems[index];
    label->setText(QStringLiteral("⚠"));
    label->setToolTip(problem);
    label->setVisible(!problem.isEmpty());
}

QString VariableBar::problemText(int index) const
{
    const QLabel* label = m_problems.value(index);
    return label && label->isVisible() ? label->toolTip() : QString();
}

} // namespace perfdash
