#include "RedisAddress.h"

#include <QUrl>

namespace perfdash {

QString RedisAddress::display() const { return QStringLiteral("%1:%2/%3").arg(host).arg(port).arg(database); }

std::optional<RedisAddress> RedisAddress::parse(const QString& url, QString* error)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    // Whatever sits between :// and the last @ may be a password: never echoed, and neither is QUrl's own
    // error text, which quotes the user info.
    QString shown = url.trimmed();
    if (const qsizetype scheme = shown.indexOf(QLatin1String("://")), at = shown.lastIndexOf(u'@');
        scheme >= 0 && at > scheme)
        shown.replace(scheme + 3, at - scheme - 3, QStringLiteral("…"));
    auto fail = [&](const QString& why) {
        *error = QStringLiteral("redis address \"%1\": %2 (expected redis://[user@]host[:port][/db])").arg(shown, why);
        return std::nullopt;
    };
    if (!parsed.isValid())
        return fail(QStringLiteral("not a well-formed URL"));
    if (parsed.scheme() != QLatin1String("redis"))
        return fail(QStringLiteral("the scheme must be redis://"));
    if (parsed.host().isEmpty())
        return fail(QStringLiteral("no host"));
    if (parsed.hasQuery() || parsed.hasFragment())
        return fail(QStringLiteral("no query or fragment is understood"));
    RedisAddress address;
    address.host = parsed.host();
    const int port = parsed.port(6379);
    if (port <= 0)
        return fail(QStringLiteral("port %1 is out of range").arg(port));
    address.port = quint16(port);
    const QString path = parsed.path();
    if (!path.isEmpty() && path != QLatin1String("/")) {
        bool ok = false;
        const int database = path.mid(1).toInt(&ok);
        if (!ok || database < 0 || path.mid(1).contains(u'/'))
            return fail(QStringLiteral("the path must be a database number, not \"%1\"").arg(path));
        address.database = database;
    }
    // Run files and sweeps record the URL: a password in it would end up in CI artifacts.
    if (!parsed.password().isEmpty())
        return fail(QStringLiteral("keep the password out of the URL, which run files record; set "
                                   "PERFDASH_REDIS_PASSWORD instead"));
    address.user = parsed.userName(QUrl::FullyDecoded);
    return address;
}

} // namespace perfdash
