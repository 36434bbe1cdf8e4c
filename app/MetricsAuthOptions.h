#pragma once

#include "MetricsBasicAuth.h"

#include <QString>
#include <optional>

class QCommandLineParser;

namespace perfdash {

// --metrics-user and --metrics-password-ref, for every command that can serve /metrics (the GUI,
// demo-server, profile).
void addMetricsAuthOptions(QCommandLineParser& parser);

// False with *error (no command prefix) when only one is given or the reference is not an env: one; *auth
// stays empty without them.
bool readMetricsAuthOptions(const QCommandLineParser& parser, std::optional<MetricsBasicAuth>* auth, QString* error);

} // namespace perfdash
