#pragma once

#include "RedisAddress.h"
#include "RedisReply.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <chrono>
#include <coroutine>
#include <functional>
#include <optional>
#include <qcoro/qcorotask.h>

struct redisAsyncContext;
class RedisQtAdapter;

namespace perfdash {

// One asynchronous connection to a Redis server: hiredis's async API driven by the Qt event loop of the
// thread this object lives in (hiredis/adapters/qt.h), with commands as QCoro awaitables. Commands sent
// while it connects wait in hiredis's queue; after a failure it reconnects on the next command, at most
// every reconnectDelay, and until then fails commands at once (ConnectionLost) instead of piling them up.
// AUTH and SELECT from the address go first on every connection. A connection not made within the
// connect timeout is given up, failing what waited on it. Error replies name the server and command
// ("Redis at host:port/db: GET: …"). Creating one ignores SIGPIPE for the process: hiredis writes with
// write(2), and a server gone away must fail a command, not end the program.
class RedisConnection : public QObject {
    Q_OBJECT
public:
    explicit RedisConnection(RedisAddress address, QObject* parent = nullptr);
    ~RedisConnection() override;

    // Sends one command, arguments binary-safe as given, and resumes with its reply.
    QCoro::Task<RedisReply> command(QList<QByteArray> arguments);
    // Deletes every key starting with prefix by SCAN (MATCH prefix*) and UNLINK, a batch at a time, never
    // KEYS, so a large database is never blocked. The number of keys removed, or the failed reply.
    QCoro::Task<RedisReply> unlinkByPrefix(QByteArray prefix);
    // used_memory_peak from INFO memory, in bytes; null when the server did not say.
    QCoro::Task<std::optional<qint64>> peakMemoryBytes();

    // Why the last connection attempt or connection failed, naming the server; empty while none did.
    QString lastError() const { return m_lastError; }
    void setReconnectDelay(std::chrono::milliseconds delay) { m_reconnectDelay = delay; }
    void setConnectTimeout(std::chrono::milliseconds timeout) { m_connectTimeout = timeout; }

    // The awaitable behind command(): suspends until hiredis calls back, or not at all when the
    // command cannot be sent.
    class CommandAwaiter {
    public:
        CommandAwaiter(RedisConnection& connection, QList<QByteArray> arguments);
        bool await_ready() const noexcept { return false; }
        bool await_suspend(std::coroutine_handle<> waiter);
        RedisReply await_resume() { return std::move(m_reply); }

    private:
        RedisConnection& m_connection;
        QList<QByteArray> m_arguments;
        RedisReply m_reply;
    };

private:
    using ReplyHandler = std::function<void(RedisReply)>;
    struct PendingCommand;

    // False, with *failure filled, when the command was not queued.
    bool send(const QList<QByteArray>& arguments, ReplyHandler handler, RedisReply* failure);
    bool ensureConnecting(RedisReply* failure);
    bool queue(const QList<QByteArray>& arguments, ReplyHandler handler);
    void dropContext(const QString& why);
    void giveUpConnecting();
    static void connected(const redisAsyncContext* context, int status);
    static void disconnected(const redisAsyncContext* context, int status);
    static void replied(redisAsyncContext* context, void* reply, void* pending);

    RedisAddress m_address;
    redisAsyncContext* m_context = nullptr;
    RedisQtAdapter* m_adapter = nullptr;
    QString m_lastError;
    QString m_handshakeError; // why AUTH or SELECT was refused on this connection, for the NOAUTH that follows
    QTimer m_connectTimer;
    std::chrono::milliseconds m_reconnectDelay { 200 };
    std::chrono::milliseconds m_connectTimeout { 1000 };
    bool m_connected = false;
    std::chrono::steady_clock::time_point m_nextAttempt {};
    bool m_closing = false;
};

} // namespace perfdash
