#pragma once

#include <QStringList>

namespace perfdash {

// `perfdash compare BASE.json NEW.json [--alpha 0.05]`: prints the comparison table. Exit 1 when any
// metric regressed significantly, 0 otherwise (a CI gate), 2 on bad arguments or unreadable files.
int runCompareCommand(const QStringList& arguments);

} // namespace perfdash
