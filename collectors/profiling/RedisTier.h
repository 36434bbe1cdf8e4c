#pragma once

#include "BlockingRedisClient.h"

#include <QMap>
#include <QString>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

namespace perfdash {

// The second tier of a two-tier cache run: Redis behind the in-process TtlCache, the way the seed's team
// runs an async Redis behind their TTL cache. Keys live under a prefix of the tier's own and carry a TTL
// in Redis too (SET … PX). A command that fails or times out is counted, and the caller goes on to the
// backend as if it had missed: a Redis that is down or slow costs latency, never the run. Thread-safe.
class RedisTier {
public:
    struct Options {
        RedisAddress address;
        QByteArray keyPrefix;
        std::chrono::milliseconds ttl { 600'000 };
        std::chrono::milliseconds timeout { 100 };
    };

    explicit RedisTier(Options options);

    // The value Redis holds for key; null on a miss, an error or a timeout (each counted).
    std::optional<std::uint64_t> get(std::uint64_t key);
    void set(std::uint64_t key, std::uint64_t value);
    // Removes every key of this tier (SCAN + UNLINK): the number removed, or null with *error.
    std::optional<qint64> invalidate(QString* error);

    // l2_hit_ratio (hits among the GETs Redis answered; left out if it answered none), redis_ops_per_s over
    // `seconds`, redis_errors,
    // redis_timeouts, and redis_peak_memory_bytes from INFO memory when the server answers.
    void addMetrics(QMap<QString, double>& metrics, double seconds);
    // "N Redis errors and M timeouts (…); the last: Redis at host:port/db: COMMAND: why", for the run's
    // notes; empty when nothing failed.
    QString failureNote() const;

private:
    QByteArray keyOf(std::uint64_t key) const;
    bool answered(const RedisReply& reply);

    Options m_options;
    BlockingRedisClient m_client;
    std::atomic<std::uint64_t> m_hits { 0 };
    std::atomic<std::uint64_t> m_misses { 0 };
    std::atomic<std::uint64_t> m_errors { 0 };
    std::atomic<std::uint64_t> m_timeouts { 0 };
    std::atomic<std::uint64_t> m_ops { 0 };
    mutable std::mutex m_failureMutex;
    QString m_lastFailure;
};

} // namespace perfdash
