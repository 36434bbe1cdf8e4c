#pragma once

#include <QStringList>

namespace perfdash {

// `perfdash profile --component NAME [--set key=value …] [--repetitions N] [--out run.json]
// [--metrics-port N]`: runs a profile headless and writes the JSON result. Exit 0 on success, 1 when
// the run fails or is interrupted, 2 on bad arguments.
int runProfileCommand(const QStringList& arguments);

} // namespace perfdash
