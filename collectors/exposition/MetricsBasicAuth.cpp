#include "MetricsBasicAuth.h"

#include "SecretReference.h"

#include <prometheus/exposer.h>

namespace perfdash {

namespace {
    // Compares without stopping at the first difference, so the answer time says nothing about the password.
    bool sameSecret(const std::string& given, const std::string& expected)
    {
        unsigned char difference = given.size() == expected.size() ? 0 : 1;
        for (std::size_t i = 0; i < given.size(); ++i)
            difference |= static_cast<unsigned char>(given[i] ^ expected[i % (expected.empty() ? 1 : expected.size())]);
        return difference == 0 && !expected.empty();
    }
}

std::optional<MetricsBasicAuth> MetricsBasicAuth::fromReference(
    const QString& user, const QString& secretRef, QString* error)
{
    if (user.isEmpty() || user.contains(QLatin1Char(':'))) {
        *error = QStringLiteral("the metrics user name must be non-empty and without ':'");
        return std::nullopt;
    }
    // The reference is not echoed in errors: a user who typed the password there must not see it in a log.
    QString parseError;
    const auto reference = SecretReference::parse(secretRef, &parseError);
    // env: only, as the exposer starts synchronously and the OS keychain answers asynchronously.
    if (!reference || reference->store != SecretReference::Store::Environment) {
        *error = QStringLiteral("the metrics password reference must be env:VARIABLE (the password itself never goes "
                                "on the command line)");
        return std::nullopt;
    }
    const QString password = qEnvironmentVariable(reference->name.toLocal8Bit().constData());
    if (password.isEmpty()) {
        *error = QStringLiteral("the metrics password's environment variable %1 is not set").arg(reference->name);
        return std::nullopt;
    }
    MetricsBasicAuth auth;
    auth.m_user = user.toStdString();
    auth.m_password = password.toStdString();
    return auth;
}

void MetricsBasicAuth::applyTo(prometheus::Exposer& exposer) const
{
    exposer.RegisterAuth(
        [user = m_user, password = m_password](const std::string& givenUser, const std::string& givenPassword) {
            // Both compared, always, so a wrong user costs the same time as a wrong password.
            const bool userOk = sameSecret(givenUser, user);
            const bool passwordOk = sameSecret(givenPassword, password);
            return userOk && passwordOk;
        },
        "perfdash metrics");
}

} // namespace perfdash
