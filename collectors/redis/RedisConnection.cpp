#include "RedisConnection.h"

#include <csignal>
#include <hiredis/adapters/qt.h>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <memory>
#include <mutex>
#include <vector>

namespace perfdash {

namespace {
    RedisReply converted(const redisReply& raw)
    {
        RedisReply reply;
        switch (raw.type) {
        case REDIS_REPLY_STRING:
        case REDIS_REPLY_STATUS:
        case REDIS_REPLY_ERROR:
            reply.type = raw.type == REDIS_REPLY_STRING ? RedisReply::Type::String
                : raw.type == REDIS_REPLY_STATUS        ? RedisReply::Type::Status
                                                        : RedisReply::Type::Error;
            reply.text = QByteArray(raw.str, qsizetype(raw.len));
            break;
        case REDIS_REPLY_INTEGER:
            reply.type = RedisReply::Type::Integer;
            reply.integer = raw.integer;
            break;
        case REDIS_REPLY_ARRAY:
            reply.type = RedisReply::Type::Array;
            reply.elements.reserve(qsizetype(raw.elements));
            for (size_t i = 0; i < raw.elements; ++i)
                reply.elements << converted(*raw.element[i]);
            break;
        default:
            reply.type = RedisReply::Type::Nil;
            break;
        }
        return reply;
    }

    // SCAN MATCH is a glob: a prefix's own *, ?, [ or \ must match literally.
    QByteArray globEscaped(const QByteArray& text)
    {
        QByteArray escaped;
        escaped.reserve(text.size());
        for (const char c : text) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\')
                escaped += '\\';
            escaped += c;
        }
        return escaped;
    }

    // The adapter's destructor writes into the context, and its cleanup is called by hiredis from the
    // context's free: so it is cleaned up and deleted while the context is still alive, and hiredis is
    // left with no event hooks to call afterwards.
    void releaseAdapter(redisAsyncContext* context, RedisQtAdapter*& adapter)
    {
        if (!adapter)
            return;
        if (context->ev.cleanup)
            context->ev.cleanup(context->ev.data);
        context->ev.addRead = nullptr;
        context->ev.delRead = nullptr;
        context->ev.addWrite = nullptr;
        context->ev.delWrite = nullptr;
        context->ev.cleanup = nullptr;
        delete adapter;
        adapter = nullptr;
    }
}

struct RedisConnection::PendingCommand {
    QByteArray name; // the command, for messages
    ReplyHandler handler;
};

RedisConnection::RedisConnection(RedisAddress address, QObject* parent)
    : QObject(parent)
    , m_address(std::move(address))
    , m_connectTimer(this)
{
    // hiredis writes with write(2): a server that went away would raise SIGPIPE and end the process,
    // where a failed command is what the caller needs to see.
    static std::once_flag ignoreBrokenPipes;
    std::call_once(ignoreBrokenPipes, [] { std::signal(SIGPIPE, SIG_IGN); });
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &RedisConnection::giveUpConnecting);
}

RedisConnection::~RedisConnection()
{
    m_closing = true;
    m_lastError = QStringLiteral("Redis at %1: the client is closing").arg(m_address.display());
    if (redisAsyncContext* context = m_context) {
        releaseAdapter(context, m_adapter);
        // Pending commands resume with ConnectionLost; their coroutines see m_closing and send nothing more.
        redisAsyncFree(context);
        m_context = nullptr;
    }
}

QCoro::Task<RedisReply> RedisConnection::command(QList<QByteArray> arguments)
{
    co_return co_await CommandAwaiter(*this, std::move(arguments));
}

QCoro::Task<RedisReply> RedisConnection::unlinkByPrefix(QByteArray prefix)
{
    const QByteArray pattern = globEscaped(prefix) + '*';
    QByteArray cursor = "0";
    long long removed = 0;
    do {
        // Built outside the co_await: GCC 12 rejects string literals in a braced list inside a coroutine.
        const QList<QByteArray> scan { QByteArrayLiteral("SCAN"), cursor, QByteArrayLiteral("MATCH"), pattern,
            QByteArrayLiteral("COUNT"), QByteArrayLiteral("1000") };
        RedisReply page = co_await command(scan);
        if (page.failed())
            co_return page;
        if (page.type != RedisReply::Type::Array || page.elements.size() != 2)
            co_return RedisReply::failure(
                RedisReply::Type::Error, QByteArrayLiteral("SCAN answered something other than [cursor, keys]"));
        cursor = page.elements[0].text;
        const QList<RedisReply>& keys = page.elements[1].elements;
        if (keys.isEmpty())
            continue;
        QList<QByteArray> unlink { QByteArrayLiteral("UNLINK") };
        unlink.reserve(keys.size() + 1);
        for (const RedisReply& key : keys)
            unlink << key.text;
        const RedisReply unlinked = co_await command(std::move(unlink));
        if (unlinked.failed())
            co_return unlinked;
        removed += unlinked.integer;
    } while (cursor != "0");
    RedisReply total;
    total.type = RedisReply::Type::Integer;
    total.integer = removed;
    co_return total;
}

QCoro::Task<std::optional<qint64>> RedisConnection::peakMemoryBytes()
{
    const QList<QByteArray> info { QByteArrayLiteral("INFO"), QByteArrayLiteral("memory") };
    const RedisReply memory = co_await command(info);
    if (memory.type != RedisReply::Type::String)
        co_return std::nullopt;
    for (const QByteArray& line : memory.text.split('\n')) {
        if (!line.startsWith("used_memory_peak:"))
            continue;
        bool ok = false;
        const qint64 bytes = line.mid(int(sizeof "used_memory_peak:") - 1).trimmed().toLongLong(&ok);
        if (ok)
            co_return bytes;
    }
    co_return std::nullopt;
}

RedisConnection::CommandAwaiter::CommandAwaiter(RedisConnection& connection, QList<QByteArray> arguments)
    : m_connection(connection)
    , m_arguments(std::move(arguments))
{
}

bool RedisConnection::CommandAwaiter::await_suspend(std::coroutine_handle<> waiter)
{
    return m_connection.send(
        m_arguments,
        [this, waiter](RedisReply reply) {
            m_reply = std::move(reply);
            waiter.resume();
        },
        &m_reply);
}

bool RedisConnection::send(const QList<QByteArray>& arguments, ReplyHandler handler, RedisReply* failure)
{
    if (!ensureConnecting(failure))
        return false;
    if (!queue(arguments, std::move(handler))) {
        *failure = RedisReply::failure(RedisReply::Type::ConnectionLost,
            QStringLiteral("Redis at %1: the connection is closing").arg(m_address.display()).toUtf8());
        return false;
    }
    return true;
}

bool RedisConnection::ensureConnecting(RedisReply* failure)
{
    auto fail = [&](const QString& why) {
        *failure = RedisReply::failure(RedisReply::Type::ConnectionLost, why.toUtf8());
        return false;
    };
    if (m_closing)
        return fail(QStringLiteral("Redis at %1: the client is closing").arg(m_address.display()));
    if (m_context)
        return true; // connected, or connecting with the command queued behind the handshake
    const auto now = std::chrono::steady_clock::now();
    if (now < m_nextAttempt)
        return fail(m_lastError.isEmpty() ? QStringLiteral("Redis at %1: not connected").arg(m_address.display())
                                          : m_lastError);

    m_nextAttempt = now + m_reconnectDelay;
    redisAsyncContext* context = redisAsyncConnect(m_address.host.toUtf8().constData(), m_address.port);
    if (!context)
        return fail(m_lastError = QStringLiteral("Redis at %1: out of memory").arg(m_address.display()));
    if (context->err) {
        m_lastError = QStringLiteral("Redis at %1: %2").arg(m_address.display(), QString::fromUtf8(context->errstr));
        redisAsyncFree(context);
        return fail(m_lastError);
    }
    m_adapter = new RedisQtAdapter;
    m_adapter->setContext(context);
    context->data = this;
    redisAsyncSetConnectCallback(context, &RedisConnection::connected);
    redisAsyncSetDisconnectCallback(context, &RedisConnection::disconnected);
    m_context = context;
    m_connected = false;
    m_handshakeError.clear();
    m_connectTimer.start(m_connectTimeout);

    auto refused = [this](const RedisReply& reply) {
        if (reply.type == RedisReply::Type::Error)
            m_lastError = m_handshakeError = QString::fromUtf8(reply.text);
    };
    if (!m_address.password.isEmpty()) {
        QList<QByteArray> auth { "AUTH" };
        if (!m_address.user.isEmpty())
            auth << m_address.user.toUtf8();
        auth << m_address.password.toUtf8();
        queue(auth, refused);
    }
    if (m_address.database != 0)
        queue({ "SELECT", QByteArray::number(m_address.database) }, refused);
    return true;
}

bool RedisConnection::queue(const QList<QByteArray>& arguments, ReplyHandler handler)
{
    std::vector<const char*> values;
    std::vector<size_t> lengths;
    values.reserve(std::size_t(arguments.size()));
    lengths.reserve(std::size_t(arguments.size()));
    for (const QByteArray& argument : arguments) {
        values.push_back(argument.constData());
        lengths.push_back(std::size_t(argument.size()));
    }
    auto pending = std::make_unique<PendingCommand>(PendingCommand { arguments.value(0), std::move(handler) });
    if (redisAsyncCommandArgv(
            m_context, &RedisConnection::replied, pending.get(), int(values.size()), values.data(), lengths.data())
        != REDIS_OK)
        return false;
    static_cast<void>(pending.release()); // replied() owns it now
    return true;
}

void RedisConnection::giveUpConnecting()
{
    redisAsyncContext* context = m_context;
    if (!context || m_connected)
        return;
    releaseAdapter(context, m_adapter);
    m_context = nullptr;
    m_lastError = QStringLiteral("Redis at %1: no connection within %2 ms")
                      .arg(m_address.display())
                      .arg(qint64(m_connectTimeout.count()));
    m_nextAttempt = std::chrono::steady_clock::now() + m_reconnectDelay;
    redisAsyncFree(context); // what waited on it fails with m_lastError
}

void RedisConnection::dropContext(const QString& why)
{
    m_connectTimer.stop();
    m_connected = false;
    if (m_context) {
        releaseAdapter(m_context, m_adapter);
        m_context = nullptr;
    }
    if (!why.isEmpty())
        m_lastError = why;
    m_nextAttempt = std::chrono::steady_clock::now() + m_reconnectDelay;
}

void RedisConnection::connected(const redisAsyncContext* context, int status)
{
    auto* self = static_cast<RedisConnection*>(context->data);
    if (!self)
        return;
    if (status == REDIS_OK) {
        self->m_connected = true;
        self->m_connectTimer.stop();
        return;
    }
    // hiredis frees the context right after this: the commands queued on it fail with ConnectionLost.
    self->dropContext(
        QStringLiteral("Redis at %1: %2").arg(self->m_address.display(), QString::fromUtf8(context->errstr)));
}

void RedisConnection::disconnected(const redisAsyncContext* context, int status)
{
    auto* self = static_cast<RedisConnection*>(context->data);
    if (!self || self->m_context != context)
        return;
    self->dropContext(status == REDIS_OK
            ? QString()
            : QStringLiteral("Redis at %1: %2").arg(self->m_address.display(), QString::fromUtf8(context->errstr)));
}

void RedisConnection::replied(redisAsyncContext* context, void* reply, void* pending)
{
    const std::unique_ptr<PendingCommand> command(static_cast<PendingCommand*>(pending));
    const auto* self = static_cast<const RedisConnection*>(context->data);
    const QString where = QStringLiteral("Redis at %1: ").arg(self ? self->m_address.display() : QStringLiteral("?"));
    if (reply) {
        RedisReply answer = converted(*static_cast<const redisReply*>(reply));
        if (answer.type == RedisReply::Type::Error) {
            QString why
                = where + QString::fromUtf8(command->name) + QStringLiteral(": ") + QString::fromUtf8(answer.text);
            if (self && !self->m_handshakeError.isEmpty() && !command->name.startsWith("AUTH"))
                why += QStringLiteral(" (after %1)").arg(self->m_handshakeError);
            answer.text = why.toUtf8();
        }
        command->handler(std::move(answer));
        return;
    }
    QString why;
    if (context->err)
        why = where + QString::fromUtf8(context->errstr);
    else if (self && !self->m_lastError.isEmpty())
        why = self->m_lastError;
    else
        why = where + QStringLiteral("the connection closed");
    command->handler(RedisReply::failure(RedisReply::Type::ConnectionLost, why.toUtf8()));
}

} // namespace perfdash
