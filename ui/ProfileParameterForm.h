#pragma once

#include <QList>
#include <QMap>
#include <QPair>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace perfdash {

// What to profile: the component, its parameters (one editor each, rebuilt when the component changes,
// defaults from ProfileParameter) and the number of repetitions. Validation is ProfileSettings::make's.
class ProfileParameterForm : public QWidget {
    Q_OBJECT
public:
    explicit ProfileParameterForm(QWidget* parent = nullptr);

    QString component() const;
    void setComponent(const QString& component);
    // False when the form has no such parameter.
    bool setParameter(const QString& name, const QString& value);
    // Each parameter's text as typed (trimmed) or chosen.
    QMap<QString, QString> values() const;
    int repetitions() const;
    void setRepetitions(int repetitions);

Q_SIGNALS:
    // The form was rebuilt for another component.
    void componentChanged(const QString& component);

private:
    void rebuildForm();

    QComboBox* m_component = nullptr;
    QLabel* m_description = nullptr;
    QFormLayout* m_form = nullptr;
    QList<QPair<QString, QWidget*>> m_editors;
    QSpinBox* m_repetitions = nullptr;
};

} // namespace perfdash
