#include "BlockingRedisClient.h"

#include "RedisConnection.h"

#include <future>
#include <memory>

namespace perfdash {

namespace {
    template <typename Result>
    QCoro::Task<> deliver(QCoro::Task<Result> task, std::shared_ptr<std::promise<Result>> promise)
    {
        promise->set_value(co_await std::move(task));
    }

    // Starts `start(connection)` on the connection's thread and waits for its result up to `timeout`.
    template <typename Result, typename Start>
    Result awaitOnThread(RedisConnection* connection, Start start, std::chrono::milliseconds timeout, Result timedOut)
    {
        auto promise = std::make_shared<std::promise<Result>>();
        std::future<Result> result = promise->get_future();
        QMetaObject::invokeMethod(
            connection, [connection, start, promise] { deliver(start(*connection), promise); }, Qt::QueuedConnection);
        if (result.wait_for(timeout) != std::future_status::ready)
            return timedOut;
        return result.get();
    }
}

BlockingRedisClient::BlockingRedisClient(const RedisAddress& address)
    : m_where(QStringLiteral("Redis at %1").arg(address.display()).toUtf8())
    , m_connection(new RedisConnection(address))
{
    m_thread.setObjectName(QStringLiteral("redis client"));
    m_connection->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_connection, &QObject::deleteLater);
    m_thread.start();
}

BlockingRedisClient::~BlockingRedisClient()
{
    m_thread.quit();
    m_thread.wait();
}

RedisReply BlockingRedisClient::call(QList<QByteArray> arguments, std::chrono::milliseconds timeout)
{
    const QByteArray name = arguments.value(0);
    return awaitOnThread(
        m_connection,
        [arguments = std::move(arguments)](RedisConnection& connection) { return connection.command(arguments); },
        timeout,
        RedisReply::failure(RedisReply::Type::Timeout,
            m_where + ": " + name + ": no reply within " + QByteArray::number(qint64(timeout.count())) + " ms"));
}

RedisReply BlockingRedisClient::unlinkByPrefix(const QByteArray& prefix, std::chrono::milliseconds timeout)
{
    return awaitOnThread(
        m_connection, [prefix](RedisConnection& connection) { return connection.unlinkByPrefix(prefix); }, timeout,
        RedisReply::failure(RedisReply::Type::Timeout,
            m_where + ": SCAN and UNLINK took longer than " + QByteArray::number(qint64(timeout.count())) + " ms"));
}

std::optional<qint64> BlockingRedisClient::peakMemoryBytes(std::chrono::milliseconds timeout)
{
    return awaitOnThread(
        m_connection, [](RedisConnection& connection) { return connection.peakMemoryBytes(); }, timeout,
        std::optional<qint64>());
}

} // namespace perfdash
