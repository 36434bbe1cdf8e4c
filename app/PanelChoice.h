#pragma once

#include "PanelSpec.h"

#include <QString>

namespace perfdash {

// `--panel TITLE` of the headless commands: keeps only the panel with that title. False when there is none,
// with *error naming the title and listing the dashboard's: `no panel titled "x"; the dashboard has "a", "b"`.
bool keepOnlyPanel(DashboardSpec& dashboard, const QString& title, QString* error);

} // namespace perfdash
