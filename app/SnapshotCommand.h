#pragma once

#include <QStringList>

namespace perfdash {

// `perfdash snapshot (--dashboard FILE | --demo) --out PATH …`: runs a dashboard's sources with no display,
// waits for data and writes PNG, SVG, PDF or CSV (by extension), or a bundle folder. Needs a QApplication
// on the offscreen platform (main() sets it up). Returns the exit code: 0 written, 1 a source or the output
// failed, 2 a usage error (bad option, unknown panel, invalid dashboard file).
int runSnapshotCommand(const QStringList& arguments);

} // namespace perfdash
