#include "RedisTier.h"

namespace perfdash {

RedisTier::RedisTier(Options options)
    : m_options(std::move(options))
    , m_client(m_options.address)
{
}

QByteArray RedisTier::keyOf(std::uint64_t key) const { return m_options.keyPrefix + QByteArray::number(key); }

bool RedisTier::answered(const RedisReply& reply)
{
    if (!reply.failed()) {
        m_ops.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    (reply.type == RedisReply::Type::Timeout ? m_timeouts : m_errors).fetch_add(1, std::memory_order_relaxed);
    const std::lock_guard lock(m_failureMutex);
    m_lastFailure = QString::fromUtf8(reply.text);
    return false;
}

std::optional<std::uint64_t> RedisTier::get(std::uint64_t key)
{
    RedisReply reply = m_client.call({ "GET", keyOf(key) }, m_options.timeout);
    bool numeric = true;
    std::uint64_t value = 0;
    if (reply.type == RedisReply::Type::String) {
        value = reply.text.toULongLong(&numeric);
        if (!numeric) // someone else's value under our prefix: a failure of the tier, not a hit
            reply = RedisReply::failure(RedisReply::Type::Error,
                QStringLiteral("Redis at %1: GET %2 held \"%3\", not a number")
                    .arg(m_options.address.display(), QString::fromUtf8(keyOf(key)),
                        QString::fromUtf8(reply.text.left(40)))
                    .toUtf8());
    }
    if (!answered(reply))
        return std::nullopt;
    if (reply.type == RedisReply::Type::String) {
        m_hits.fetch_add(1, std::memory_order_relaxed);
        return value;
    }
    m_misses.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
}

void RedisTier::set(std::uint64_t key, std::uint64_t value)
{
    answered(m_client.call({ "SET", keyOf(key), QByteArray::number(value), "PX",
                               QByteArray::number(qint64(std::max<std::int64_t>(1, m_options.ttl.count()))) },
        m_options.timeout));
}

std::optional<qint64> RedisTier::invalidate(QString* error)
{
    // A whole scan takes many round trips: it gets far longer than one command.
    const RedisReply removed
        = m_client.unlinkByPrefix(m_options.keyPrefix, m_options.timeout * 100 + std::chrono::seconds(5));
    if (removed.failed() || removed.type != RedisReply::Type::Integer) {
        *error = QString::fromUtf8(removed.text);
        return std::nullopt;
    }
    return removed.integer;
}

void RedisTier::addMetrics(QMap<QString, double>& metrics, double seconds)
{
    const double hits = double(m_hits.load());
    const double lookups = hits + double(m_misses.load());
    if (lookups > 0) // left out when Redis answered no GET: there is no ratio to report
        metrics.insert(QStringLiteral("l2_hit_ratio"), hits / lookups);
    metrics.insert(QStringLiteral("redis_ops_per_s"), seconds > 0 ? double(m_ops.load()) / seconds : 0);
    metrics.insert(QStringLiteral("redis_errors"), double(m_errors.load()));
    metrics.insert(QStringLiteral("redis_timeouts"), double(m_timeouts.load()));
    if (const std::optional<qint64> peak
        = m_client.peakMemoryBytes(std::max(m_options.timeout, std::chrono::milliseconds(1000))))
        metrics.insert(QStringLiteral("redis_peak_memory_bytes"), double(*peak));
}

QString RedisTier::failureNote() const
{
    const std::uint64_t errors = m_errors.load();
    const std::uint64_t timeouts = m_timeouts.load();
    if (errors + timeouts == 0)
        return {};
    const std::lock_guard lock(m_failureMutex);
    return QStringLiteral("%1 Redis errors and %2 timeouts (a read that met one went to the backend); the last: %3")
        .arg(errors)
        .arg(timeouts)
        .arg(m_lastFailure);
}

} // namespace perfdash
