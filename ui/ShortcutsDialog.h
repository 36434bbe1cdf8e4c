#pragma once

#include <QDialog>

class QTableWidget;

namespace perfdash {

// "?": every action of the window that has a key, read from the actions themselves so the list cannot go
// stale, and the mouse gestures of the charts.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* window);
    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table = nullptr;
};

} // namespace perfdash
