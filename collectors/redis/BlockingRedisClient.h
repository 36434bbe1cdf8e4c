#pragma once

#include "RedisAddress.h"
#include "RedisReply.h"

#include <QThread>
#include <chrono>
#include <optional>

namespace perfdash {

class RedisConnection;

// A RedisConnection on a thread of its own, for callers without an event loop (a profiling workload's
// threads): each call posts the command to that thread and waits for the reply at most `timeout`,
// answering Type::Timeout if it has not come (a late reply is then dropped). Calls from many threads
// pipeline on the one connection. Thread-safe.
class BlockingRedisClient {
public:
    explicit BlockingRedisClient(const RedisAddress& address);
    ~BlockingRedisClient();
    BlockingRedisClient(const BlockingRedisClient&) = delete;
    BlockingRedisClient& operator=(const BlockingRedisClient&) = delete;

    RedisReply call(QList<QByteArray> arguments, std::chrono::milliseconds timeout);
    // RedisConnection::unlinkByPrefix: the keys removed (Integer), or the failure.
    RedisReply unlinkByPrefix(const QByteArray& prefix, std::chrono::milliseconds timeout);
    std::optional<qint64> peakMemoryBytes(std::chrono::milliseconds timeout);

private:
    QByteArray m_where; // "Redis at host:port/db", for timeouts
    QThread m_thread;
    RedisConnection* m_connection; // lives in m_thread, deleted when it finishes
};

} // namespace perfdash
