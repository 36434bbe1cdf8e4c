#include "ExportOptionsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>

namespace perfdash {

ExportOptionsDialog::ExportOptionsDialog(bool askScale, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Export options"));
    auto* form = new QFormLayout(this);
    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("exportTheme"));
    m_theme->addItem(QStringLiteral("Light (for print and slides)"), int(ExportTheme::Light));
    m_theme->addItem(QStringLiteral("Dark"), int(ExportTheme::Dark));
    m_theme->addItem(QStringLiteral("As the window shows it"), int(ExportTheme::AsShown));
    m_theme->setCurrentIndex(m_theme->findData(int(storedExportTheme())));
    form->addRow(QStringLiteral("Theme:"), m_theme);
    if (askScale) {
        m_scale = new QDoubleSpinBox(this);
        m_scale->setObjectName(QStringLiteral("exportScale"));
        m_scale->setRange(0.5, 8.0);
        m_scale->setDecimals(1);
        m_scale->setSingleStep(0.5);
        m_scale->setValue(2.0);
        m_scale->setToolTip(QStringLiteral("2 for sharp images on high-DPI screens and slides"));
        form->addRow(QStringLiteral("PNG scale:"), m_scale);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

ExportOptionsDialog::Options ExportOptionsDialog::options() const
{
    return { ExportTheme(m_theme->currentData().toInt()), m_scale ? m_scale->value() : 1.0 };
}

std::optional<ExportOptionsDialog::Options> ExportOptionsDialog::ask(bool askScale, QWidget* parent)
{
    ExportOptionsDialog dialog(askScale, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    const Options chosen = dialog.options();
    storeExportTheme(chosen.theme);
    return chosen;
}

} // namespace perfdash
