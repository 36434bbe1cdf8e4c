#include "PanelChoice.h"

#include <QStringList>

namespace perfdash {

bool keepOnlyPanel(DashboardSpec& dashboard, const QString& title, QString* error)
{
    QStringList titles;
    QList<PanelSpec> chosen;
    for (const PanelSpec& panel : std::as_const(dashboard.panels)) {
        titles << QLatin1Char('"') + panel.title + QLatin1Char('"');
        if (panel.title == title)
            chosen << panel;
    }
    if (chosen.isEmpty()) {
        *error = QStringLiteral("no panel titled \"%1\"; the dashboard has %2")
                     .arg(title, titles.isEmpty() ? QStringLiteral("no panels") : titles.join(QStringLiteral(", ")));
        return false;
    }
    dashboard.panels = chosen;
    return true;
}

} // namespace perfdash
