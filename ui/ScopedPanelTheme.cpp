#include "ScopedPanelTheme.h"

#include "ChartPanel.h"
#include "Theme.h"

#include <QSettings>

namespace perfdash {

namespace {
    const QString settingsKey = QStringLiteral("export/theme");
}

std::optional<ExportTheme> exportThemeFromName(const QString& name)
{
    if (name == u"light")
        return ExportTheme::Light;
    if (name == u"dark")
        return ExportTheme::Dark;
    if (name == u"as-shown")
        return ExportTheme::AsShown;
    return std::nullopt;
}

QString exportThemeName(ExportTheme theme)
{
    switch (theme) {
    case ExportTheme::Light:
        return QStringLiteral("light");
    case ExportTheme::Dark:
        return QStringLiteral("dark");
    case ExportTheme::AsShown:
        return QStringLiteral("as-shown");
    }
    return QStringLiteral("light");
}

ExportTheme storedExportTheme()
{
    return exportThemeFromName(QSettings().value(settingsKey).toString()).value_or(ExportTheme::Light);
}

void storeExportTheme(ExportTheme theme) { QSettings().setValue(settingsKey, exportThemeName(theme)); }

ScopedPanelTheme::ScopedPanelTheme(const QList<ChartPanel*>& panels, ExportTheme theme)
{
    if (theme == ExportTheme::AsShown)
        return;
    const Theme& wanted = theme == ExportTheme::Dark ? Theme::dark() : Theme::light();
    for (ChartPanel* panel : panels) {
        m_saved << Saved { panel, panel->testAttribute(Qt::WA_SetPalette), panel->palette() };
        panel->setPalette(wanted.palette);
    }
}

ScopedPanelTheme::~ScopedPanelTheme()
{
    for (const Saved& saved : std::as_const(m_saved))
        saved.panel->setPalette(saved.ownPalette ? saved.palette : QPalette());
}

} // namespace perfdash
