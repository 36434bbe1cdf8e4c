#pragma once

#include "PanelWindowPoints.h"
#include "WindowComparison.h"

#include <QString>

namespace perfdash {

// The folder `perfdash compare-windows --out DIR` writes (made when missing):
//   manifest.json        {"command": "compare-windows", "dashboard", "appVersion", "createdUtc",
//                         "panels": [{"title", "csv"}], "windowComparison": WindowComparisonJson::write(...)}
//   NN-<panel-title>.csv  window,time_utc,unix_ms,series,value — one row per sample compared, before rows then
//                         after rows, values in display units; NaN and ±Inf as "NaN", "+Inf", "-Inf".
// False with *error when a file cannot be written.
bool writeWindowComparisonBundle(const QString& directory, const QString& dashboardName,
    const QList<PanelWindowPoints>& panels, const WindowComparison& comparison, QString* error);

// One panel's CSV, as above.
QByteArray windowPointsCsv(const PanelWindowPoints& panel);

} // namespace perfdash
