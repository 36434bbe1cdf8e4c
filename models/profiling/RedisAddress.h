#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace perfdash {

// Where a cache run's second tier lives: a `redis://[user@]host[:port][/db]` URL, as redis-cli and most
// clients take it. The password never comes from the URL (run files record it) but from the environment.
struct RedisAddress {
    QString host;
    quint16 port = 6379;
    int database = 0;
    QString user; // empty: AUTH with the password alone (Redis before ACLs)
    QString password; // empty: no AUTH; set from PERFDASH_REDIS_PASSWORD by whoever connects

    // "host:port/db", never the password: for messages.
    QString display() const;

    // Null, with *error naming what is wrong, for anything but a well-formed redis:// URL.
    static std::optional<RedisAddress> parse(const QString& url, QString* error);
};

} // namespace perfdash
