#pragma once

#include <QString>
#include <optional>
#include <string>

namespace prometheus {
class Exposer;
}

namespace perfdash {

// Optional HTTP basic auth for perfdash's own /metrics. The command line names the user and a secret
// *reference* (env:NAME), never the password; the password is read once, when the exposer starts, and
// lives only in the check below. Never logged, never written.
class MetricsBasicAuth {
public:
    // Nullopt with *error when the reference is not env:NAME or the variable is unset or empty.
    static std::optional<MetricsBasicAuth> fromReference(const QString& user, const QString& secretRef, QString* error);

    const std::string& user() const { return m_user; }
    // Requires the credentials on the exposer's /metrics (prometheus-cpp answers 401 otherwise).
    void applyTo(prometheus::Exposer& exposer) const;

private:
    std::string m_user;
    std::string m_password;
};

} // namespace perfdash
