#pragma once

class QMainWindow;
class QSettings;

namespace perfdash {

// What a person expects to find again when they reopen the window: its geometry, the tab that was open,
// and every named splitter's positions. Kept in QSettings under "window/".
void saveWindowState(const QMainWindow& window, QSettings& settings);
void restoreWindowState(QMainWindow& window, const QSettings& settings);

} // namespace perfdash
