#include "CompareWindowsDialog.h"

#include "TextTone.h"

#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace perfdash {

namespace {
    QDateTimeEdit* timeEdit(qint64 ms, QWidget* parent)
    {
        auto* edit = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(ms), parent);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
        return edit;
    }
}

CompareWindowsDialog::CompareWindowsDialog(const TimeWindow& before, const TimeWindow& after, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Compare windows"));
    auto* form = new QFormLayout(this);
    form->addRow(new QLabel(QStringLiteral("Every panel compares its series in the two windows (local time)."), this));
    const auto row = [&](const QString& label, QDateTimeEdit* from, QDateTimeEdit* to) {
        auto* line = new QHBoxLayout;
        line->addWidget(from);
        line->addWidget(new QLabel(QStringLiteral("to"), this));
        line->addWidget(to);
        form->addRow(label, line);
    };
    m_beforeFrom = timeEdit(before.fromMs, this);
    m_beforeTo = timeEdit(before.toMs, this);
    m_afterFrom = timeEdit(after.fromMs, this);
    m_afterTo = timeEdit(after.toMs, this);
    m_beforeFrom->setObjectName(QStringLiteral("beforeFrom"));
    m_afterTo->setObjectName(QStringLiteral("afterTo"));
    row(QStringLiteral("Before:"), m_beforeFrom, m_beforeTo);
    row(QStringLiteral("After:"), m_afterFrom, m_afterTo);
    m_problem = new QLabel(this);
    setTextTone(m_problem, TextTone::Bad);
    form->addRow(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(QStringLiteral("Compare"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    for (QDateTimeEdit* edit : { m_beforeFrom, m_beforeTo, m_afterFrom, m_afterTo })
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &CompareWindowsDialog::check);
    check();
}

TimeWindow CompareWindowsDialog::before() const
{
    return { m_beforeFrom->dateTime().toMSecsSinceEpoch(), m_beforeTo->dateTime().toMSecsSinceEpoch() };
}

TimeWindow CompareWindowsDialog::after() const
{
    return { m_afterFrom->dateTime().toMSecsSinceEpoch(), m_afterTo->dateTime().toMSecsSinceEpoch() };
}

void CompareWindowsDialog::check()
{
    QString problem;
    if (before().toMs <= before().fromMs)
        problem = QStringLiteral("The before window must end after it starts.");
    else if (after().toMs <= after().fromMs)
        problem = QStringLiteral("The after window must end after it starts.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace perfdash
