#pragma once

#include <QStringList>

namespace perfdash {

// `perfdash compare-windows --dashboard FILE (--before FROM..TO --after FROM..TO | --around-annotation TAG
// [--width 30m]) [--panel TITLE] [--out DIR] [--alpha 0.05] [--wait SECONDS]`: did the dashboard's panels change
// between two time windows? Prints WindowComparison::toText() and, with --out, writes a bundle
// (WindowComparisonBundle). PromQL panels are range-queried per window; stream panels are collected live, so the
// command waits (at most --wait) until the after window has ended. Needs a QApplication (a session's window
// exists even when unseen). Returns 1 on a significant regression on any panel, 0 otherwise, 2 on a usage or
// input error (bad window, unknown panel, unreachable Prometheus, no data in a window), said on stderr.
int runCompareWindowsCommand(const QStringList& arguments);

} // namespace perfdash
