#pragma once

#include <QStringList>

namespace perfdash {

// `perfdash import-grafana IN.json --out OUT.perfdash.json`: converts a Grafana dashboard and prints the
// report of what did not map. Exit 0 on success, 2 on errors.
int runImportGrafanaCommand(const QStringList& arguments);

} // namespace perfdash
