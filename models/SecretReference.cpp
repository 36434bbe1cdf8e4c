#include "SecretReference.h"

#include <QRegularExpression>

namespace perfdash {

std::optional<SecretReference> SecretReference::parse(const QString& text, QString* error)
{
    const auto fail = [&](const QString& why) -> std::optional<SecretReference> {
        if (error)
            *error = QStringLiteral("secret reference \"%1\": %2").arg(text, why);
        return std::nullopt;
    };
    if (text.startsWith(QLatin1String("env:"))) {
        static const QRegularExpression variable(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        const QString name = text.mid(4);
        if (!variable.match(name).hasMatch())
            return fail(QStringLiteral("env: needs an environment variable name like env:PROMETHEUS_TOKEN"));
        return SecretReference { Store::Environment, name, {} };
    }
    if (text.startsWith(QLatin1String("keychain:"))) {
        const QString rest = text.mid(9);
        const qsizetype slash = rest.indexOf(QLatin1Char('/'));
        if (slash <= 0 || slash == rest.size() - 1)
            return fail(QStringLiteral("keychain: needs SERVICE/ACCOUNT, like keychain:perfdash/prometheus-prod"));
        return SecretReference { Store::Keychain, rest.left(slash), rest.mid(slash + 1) };
    }
    return fail(QStringLiteral("expected env:NAME or keychain:SERVICE/ACCOUNT (secrets themselves are never stored)"));
}

QString SecretReference::toString() const
{
    return store == Store::Environment ? QStringLiteral("env:") + name
                                       : QStringLiteral("keychain:%1/%2").arg(name, account);
}

} // namespace perfdash
