#include "WindowState.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>

namespace perfdash {

namespace {
    QTabWidget* pagesOf(const QMainWindow& window) { return qobject_cast<QTabWidget*>(window.centralWidget()); }

    QString splitterKey(const QSplitter* splitter)
    {
        return QStringLiteral("window/splitters/") + splitter->objectName();
    }
}

void saveWindowState(const QMainWindow& window, QSettings& settings)
{
    settings.setValue(QStringLiteral("window/geometry"), window.saveGeometry());
    if (const QTabWidget* pages = pagesOf(window); pages && pages->currentIndex() >= 0)
        settings.setValue(QStringLiteral("window/tab"), pages->tabText(pages->currentIndex()));
    for (const QSplitter* splitter : window.findChildren<QSplitter*>()) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(splitterKey(splitter), splitter->saveState());
    }
}

void restoreWindowState(QMainWindow& window, const QSettings& settings)
{
    if (const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray(); !geometry.isEmpty())
        window.restoreGeometry(geometry); // Qt keeps it on a screen that exists now
    if (QTabWidget* pages = pagesOf(window)) {
        const QString tab = settings.value(QStringLiteral("window/tab")).toString();
        for (int index = 0; index < pages->count(); ++index) {
            if (pages->tabText(index) == tab)
                pages->setCurrentIndex(index);
        }
    }
    for (QSplitter* splitter : window.findChildren<QSplitter*>()) {
        if (const QByteArray state = settings.value(splitterKey(splitter)).toByteArray();
            !splitter->objectName().isEmpty() && !state.isEmpty())
            splitter->restoreState(state);
    }
}

} // namespace perfdash
