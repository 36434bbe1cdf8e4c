#include "ProfileParameterForm.h"

#include "ProfileParameter.h"
#include "RunComparison.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace perfdash {

ProfileParameterForm::ProfileParameterForm(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_component = new QComboBox;
    m_component->addItems(ProfileParameter::components());
    m_description = new QLabel;
    m_description->setWordWrap(true);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_repetitions = new QSpinBox;
    m_repetitions->setRange(1, 1000);
    m_repetitions->setValue(10);
    m_repetitions->setToolTip(
        tr("The comparison needs at least %1 for a reliable verdict").arg(RunComparison::recommendedRepetitions));
    auto* top = new QFormLayout;
    top->addRow(tr("Component"), m_component);
    layout->addLayout(top);
    layout->addWidget(m_description);
    layout->addLayout(m_form);
    auto* repetitionsForm = new QFormLayout;
    repetitionsForm->addRow(tr("Repetitions"), m_repetitions);
    layout->addLayout(repetitionsForm);

    connect(m_component, &QComboBox::currentTextChanged, this, &ProfileParameterForm::rebuildForm);
    rebuildForm();
}

void ProfileParameterForm::rebuildForm()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    const QString component = m_component->currentText();
    m_description->setText(ProfileParameter::componentDescription(component));
    for (const ProfileParameter& parameter : ProfileParameter::forComponent(component)) {
        QWidget* editor = nullptr;
        if (parameter.kind == ProfileParameter::Kind::Choice) {
            auto* choice = new QComboBox;
            choice->addItems(parameter.choices);
            choice->setCurrentText(parameter.defaultValue);
            editor = choice;
        } else if (parameter.kind == ProfileParameter::Kind::Text && !parameter.choices.isEmpty()) {
            // Free text with suggestions (redis: "private", or a URL typed in).
            auto* suggested = new QComboBox;
            suggested->setEditable(true);
            suggested->addItems(parameter.choices);
            suggested->setCurrentText(parameter.defaultValue);
            suggested->lineEdit()->setPlaceholderText(tr("none"));
            editor = suggested;
        } else {
            auto* line = new QLineEdit(parameter.defaultValue);
            line->setPlaceholderText(
                parameter.kind == ProfileParameter::Kind::Text ? tr("none") : parameter.defaultValue);
            editor = line;
        }
        editor->setToolTip(parameter.help);
        auto* label = new QLabel(parameter.name);
        label->setToolTip(parameter.help);
        m_form->addRow(label, editor);
        m_editors << qMakePair(parameter.name, editor);
    }
    Q_EMIT componentChanged(component);
}

QString ProfileParameterForm::component() const { return m_component->currentText(); }

void ProfileParameterForm::setComponent(const QString& component) { m_component->setCurrentText(component); }

bool ProfileParameterForm::setParameter(const QString& name, const QString& value)
{
    for (const auto& [parameter, editor] : m_editors) {
        if (parameter != name)
            continue;
        if (auto* choice = qobject_cast<QComboBox*>(editor))
            choice->setCurrentText(value);
        else
            static_cast<QLineEdit*>(editor)->setText(value);
        return true;
    }
    return false;
}

QMap<QString, QString> ProfileParameterForm::values() const
{
    QMap<QString, QString> values;
    for (const auto& [parameter, editor] : m_editors) {
        if (auto* choice = qobject_cast<QComboBox*>(editor))
            values.insert(parameter, choice->currentText().trimmed());
        else
            values.insert(parameter, static_cast<QLineEdit*>(editor)->text().trimmed());
    }
    return values;
}

int ProfileParameterForm::repetitions() const { return m_repetitions->value(); }

void ProfileParameterForm::setRepetitions(int repetitions) { m_repetitions->setValue(repetitions); }

} // namespace perfdash
