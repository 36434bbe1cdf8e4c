#include "MetricsAuthOptions.h"

#include <QCommandLineParser>

namespace perfdash {

bool readMetricsAuthOptions(const QCommandLineParser& parser, std::optional<MetricsBasicAuth>* auth, QString* error)
{
    const bool hasUser = parser.isSet(QStringLiteral("metrics-user"));
    if (hasUser != parser.isSet(QStringLiteral("metrics-password-ref"))) {
        *error = QStringLiteral("--metrics-user and --metrics-password-ref go together");
        return false;
    }
    if (!hasUser)
        return true;
    *auth = MetricsBasicAuth::fromReference(
        parser.value(QStringLiteral("metrics-user")), parser.value(QStringLiteral("metrics-password-ref")), error);
    return auth->has_value();
}

} // namespace perfdash
