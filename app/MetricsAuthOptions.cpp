#include "MetricsAuthOptions.h"

#include <QCommandLineParser>

namespace perfdash {

void addMetricsAuthOptions(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("metrics-user"),
        QStringLiteral("Require HTTP basic auth on /metrics with this user (needs --metrics-password-ref)."),
        QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("metrics-password-ref"),
        QStringLiteral("Where the /metrics password is: env:VARIABLE (never the password itself)."),
        QStringLiteral("REF") });
}

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
