#pragma once

#include <QStringList>

namespace perfdash {

// `perfdash demo-server …`: runs the embedded demo system until interrupted. Returns the exit code.
int runDemoServerCommand(const QStringList& arguments);

} // namespace perfdash
