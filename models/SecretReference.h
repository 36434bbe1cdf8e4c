#pragma once

#include <QString>
#include <optional>

namespace perfdash {

// Where a password or token lives: "env:NAME" (an environment variable) or "keychain:SERVICE/ACCOUNT"
// (the OS keychain). Dashboards store only this reference, never the secret itself.
struct SecretReference {
    enum class Store { Environment, Keychain };
    Store store = Store::Environment;
    QString name; // env: the variable; keychain: the service
    QString account; // keychain only

    // Parses a reference; on failure returns nullopt and says why in *error.
    static std::optional<SecretReference> parse(const QString& text, QString* error);
    QString toString() const;
};

} // namespace perfdash
