#pragma once

#include <QStringList>

namespace perfdash {

// `perfdash history FILE… | DIR [--min-segment N] [--p-value P] [--min-change PCT]`: each metric of a
// component's run files across time, with its change points. Exit 1 when the latest segment of any
// metric is a significant regression, 0 otherwise (a CI gate over artifacts), 2 on errors.
int runHistoryCommand(const QStringList& arguments);

} // namespace perfdash
