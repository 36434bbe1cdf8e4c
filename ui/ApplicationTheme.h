#pragma once

#include <QString>
#include <optional>

namespace perfdash {

// Which theme the application wears: the desktop's (System), or light or dark whatever the desktop is.
enum class ThemeChoice { System, Light, Dark };

// "system", "light", "dark"; nullopt for anything else.
std::optional<ThemeChoice> themeChoiceFromName(const QString& name);
QString themeChoiceName(ThemeChoice choice);

// View → Theme, remembered in QSettings ("view/theme"); System when nothing or nonsense is stored.
ThemeChoice storedThemeChoice();
void storeThemeChoice(ThemeChoice choice);

// Sets the application palette for choice. The platform's own palette is taken at the first call, so
// System goes back to it and tells a dark desktop by its window colour. A dark palette runs on Fusion,
// the style drawn from the palette alone; Fusion's palette is the light fallback on a dark desktop.
// Every widget gets a PaletteChange and re-reads Theme::of(itself).
void applyApplicationTheme(ThemeChoice choice);
// The choice last applied (System before any).
ThemeChoice appliedThemeChoice();
// Whether the desktop asked for dark (the platform palette's window colour, as first seen).
bool desktopPrefersDark();

} // namespace perfdash
