#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMap>
#include <QTableWidget>
#include <QVBoxLayout>

namespace perfdash {

ShortcutsDialog::ShortcutsDialog(QWidget* window)
    : QDialog(window)
{
    setWindowTitle(QStringLiteral("Keyboard shortcuts"));
    QMap<QString, QString> rows; // action → keys, sorted by action
    for (const QAction* action : window->findChildren<QAction*>()) {
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        const QString text = QString(action->text()).remove(u'&').remove(QStringLiteral("…"));
        if (!keys.isEmpty() && !text.isEmpty())
            rows.insert(text, keys.join(QStringLiteral("  or  ")));
    }
    // What the charts do with the mouse and the arrow keys, which are no actions.
    const std::pair<const char*, const char*> gestures[] = {
        { "Zoom to a range", "drag across a chart" },
        { "Pan", "Shift+drag, or ← / →" },
        { "Zoom around the cursor", "wheel over the time axis" },
        { "Pick a window to compare", "Ctrl+drag" },
        { "Live again", "double-click a chart" },
    };
    for (const auto& [what, how] : gestures)
        rows.insert(QString::fromUtf8(what), QString::fromUtf8(how));

    m_table = new QTableWidget(int(rows.size()), 2, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setHorizontalHeaderLabels({ QStringLiteral("Action"), QStringLiteral("Keys") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    int row = 0;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it, ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_table->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace perfdash
