#pragma once

#include <QStringList>

namespace perfdash {

// `perfdash sweep --component C --sweep NAME=FROM..TO[:lin|log[:POINTS]] [--series CHOICE=A,B] [--set k=v]…
// [--repetitions N] [--out sweep.json] [--csv sweep.csv]`: the curves as a table on stdout, the versioned
// JSON and CSV into files. Exit 0 when the sweep completed, 1 when interrupted (what finished is still
// written), 2 on bad arguments or a failing run.
int runSweepCommand(const QStringList& arguments);

} // namespace perfdash
