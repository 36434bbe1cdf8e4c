#pragma once

#include <QString>
#include <QtGlobal>

class QCommandLineParser;

namespace perfdash {

// --demo-deploy-after DURATION: when the embedded demo "deploys" its optimized build, for every command
// that runs the demo (the GUI, snapshot --demo, demo-server): one spelling everywhere, so it can be copied.
void addDemoDeployOption(QCommandLineParser& parser);

// *delayMs = the duration given (0 = never, also when the option is absent). False with *error (no command
// prefix) naming the option and the value when it is not a duration.
bool readDemoDeployOption(const QCommandLineParser& parser, qint64* delayMs, QString* error);

} // namespace perfdash
