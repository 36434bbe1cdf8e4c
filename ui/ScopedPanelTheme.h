#pragma once

#include <QList>
#include <QPalette>
#include <QString>
#include <optional>

namespace perfdash {

class ChartPanel;
struct Theme;

// Which theme an export is drawn in. Light is the default: print and slides are white.
enum class ExportTheme { Light, Dark, AsShown };

// "light", "dark", "as-shown"; nullopt for anything else.
std::optional<ExportTheme> exportThemeFromName(const QString& name);
QString exportThemeName(ExportTheme theme);
// The export dialog's last choice (QSettings "export/theme"), Light when none.
ExportTheme storedExportTheme();
void storeExportTheme(ExportTheme theme);

// Draws panels in another theme for as long as it lives: each gets the theme's palette, so its chart,
// scorecard and labels are drawn again in it at once; the destructor gives each its palette back. Used
// around an export, which renders synchronously, so the window never shows the other theme.
class ScopedPanelTheme {
public:
    ScopedPanelTheme(const QList<ChartPanel*>& panels, ExportTheme theme);
    ~ScopedPanelTheme();
    ScopedPanelTheme(const ScopedPanelTheme&) = delete;
    ScopedPanelTheme& operator=(const ScopedPanelTheme&) = delete;

private:
    struct Saved {
        ChartPanel* panel;
        bool ownPalette; // the panel had a palette of its own, not its parent's
        QPalette palette;
    };
    QList<Saved> m_saved;
};

} // namespace perfdash
