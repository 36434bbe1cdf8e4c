#pragma once

#include "RedisAddress.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <memory>

class QProcess;

namespace perfdash {

// A private redis-server (Debian package "redis-server") started as a child process on a free 127.0.0.1
// port, in a temporary directory and with persistence off (no RDB snapshots, no AOF), so a profiling run
// measures a cache, not a disk. Blocking, and needs no event loop; stopped with this object.
class LocalRedis {
public:
    LocalRedis();
    ~LocalRedis();
    LocalRedis(const LocalRedis&) = delete;
    LocalRedis& operator=(const LocalRedis&) = delete;

    // Starts the server and waits until it accepts connections (a few seconds at most). False, with
    // *error saying why (the binary missing, the server's own log), when it did not.
    bool start(QString* error);
    // Ends the server at once with SIGKILL, as a crash would (tests use it to take Redis away mid-run).
    void kill();
    bool isRunning() const;
    // For the next start(): the password clients must AUTH with (requirepass); address() does not carry it.
    void setPassword(const QString& password) { m_password = password; }

    RedisAddress address() const;
    quint16 port() const { return m_port; }

    // $PERFDASH_REDIS_SERVER if set, else redis-server on PATH or in /usr/bin; empty when there is none.
    static QString binary();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_log;
    QString m_password;
    quint16 m_port = 0;
};

} // namespace perfdash
