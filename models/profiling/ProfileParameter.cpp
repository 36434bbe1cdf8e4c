#include "ProfileParameter.h"

#include "RedisAddress.h"

#include <QHash>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    using Kind = ProfileParameter::Kind;

    ProfileParameter integer(const char* name, qint64 value, double minimum, double maximum, const char* help)
    {
        return { QString::fromLatin1(name), Kind::Integer, QString::number(value), minimum, maximum, {},
            QString::fromUtf8(help) };
    }

    ProfileParameter real(const char* name, double value, double minimum, double maximum, const char* help)
    {
        return { QString::fromLatin1(name), Kind::Real, QString::number(value), minimum, maximum, {},
            QString::fromUtf8(help) };
    }

    ProfileParameter choice(const char* name, const char* value, QStringList choices, const char* help)
    {
        return { QString::fromLatin1(name), Kind::Choice, QString::fromLatin1(value), 0, 0, std::move(choices),
            QString::fromUtf8(help) };
    }

    ProfileParameter text(const char* name, const char* help)
    {
        return { QString::fromLatin1(name), Kind::Text, QString(), 0, 0, {}, QString::fromUtf8(help) };
    }

    // The cache's second tier: none, a private redis-server, or a redis:// URL.
    QString checkRedisTier(const QString& text)
    {
        const QString value = text.trimmed();
        if (value.isEmpty() || value == QLatin1String("private"))
            return {};
        QString error;
        if (RedisAddress::parse(value, &error))
            return {};
        return QStringLiteral("\"redis\" takes nothing (one tier), \"private\" (perfdash starts a redis-server) or "
                              "a redis:// URL: %1")
            .arg(error);
    }

    ProfileParameter redisTier()
    {
        ProfileParameter parameter = text("redis",
            "A second cache tier in Redis behind the in-process one: empty for none, \"private\" to have perfdash "
            "start a redis-server of its own, or redis://[user@]host[:port][/db] for yours (keys go under a "
            "prefix of the run's own and are removed afterwards; a password comes from PERFDASH_REDIS_PASSWORD)");
        parameter.check = &checkRedisTier;
        parameter.choices = { QStringLiteral("private"), QStringLiteral("redis://127.0.0.1:6379/0") };
        return parameter;
    }

    const QHash<QString, QList<ProfileParameter>>& table()
    {
        static const QHash<QString, QList<ProfileParameter>> parameters {
            { QStringLiteral("cache"),
                {
                    choice("policy", "tinylfu",
                        { QStringLiteral("lru"), QStringLiteral("tinylfu"), QStringLiteral("sieve"),
                            QStringLiteral("s3fifo") },
                        "Eviction policy: lru, tinylfu (W-TinyLFU frequency-aware admission), sieve (SIEVE) or "
                        "s3fifo (S3-FIFO)"),
                    integer("capacity", 1000, 1, 10'000'000, "Entries the cache holds"),
                    integer("keys", 10'000, 1, 10'000'000, "Distinct keys in the trace"),
                    real("zipf", 0.9, 0, 3, "Zipf exponent s of key popularity (0 = uniform)"),
                    real("read_ratio", 0.9, 0, 1, "Share of operations that are reads; the rest are writes"),
                    integer("ttl_ms", 60'000, 1, 1e9, "Time to live of an entry"),
                    integer("threads", 2, 1, 64, "Worker threads"),
                    integer("ops", 100'000, 1, 1e9, "Operations per repetition (the key trace length)"),
                    integer("duration_ms", 0, 0, 3'600'000,
                        "Run each repetition this long, cycling the trace (0: run the ops once)"),
                    integer("miss_latency_us", 50, 0, 1'000'000, "Simulated backend latency of a miss"),
                    integer("seed", 1, 0, 1e15, "Random seed of the key trace"),
                    text("trace",
                        "A key trace file to replay instead of Zipf keys: one key per line, or CSV (*.csv) with a "
                        "key and an optional timestamp column; gzip accepted. Every access is a read; keys, zipf, "
                        "read_ratio, ops and seed are then unused"),
                    redisTier(),
                    integer("redis_ttl_ms", 600'000, 1, 1e9, "Time to live of an entry in Redis (SET … PX)"),
                    integer("redis_timeout_ms", 100, 1, 60'000,
                        "How long a Redis command may take before the run counts a timeout and goes to the backend"),
                } },
            { QStringLiteral("limiter"),
                {
                    real("rate", 10'000, 0.001, 1e9, "Tokens per second"),
                    integer("burst", 100, 1, 1e9, "Bucket size: tokens available at once"),
                    choice("arrival", "poisson",
                        { QStringLiteral("constant"), QStringLiteral("poisson"), QStringLiteral("bursty") },
                        "Arrival process of the requests"),
                    real("offered_rate", 20'000, 0.001, 1e8, "Requests per second offered, over all threads"),
                    integer("clump", 50, 1, 100'000, "With bursty arrivals: requests arriving at once"),
                    integer("threads", 2, 1, 64, "Client threads"),
                    integer("duration_ms", 500, 10, 3'600'000, "Length of a repetition"),
                    integer("seed", 1, 0, 1e15, "Random seed of the arrivals"),
                } },
            { QStringLiteral("retry"),
                {
                    choice("jitter", "full",
                        { QStringLiteral("none"), QStringLiteral("full"), QStringLiteral("equal"),
                            QStringLiteral("decorrelated") },
                        "Backoff jitter (AWS \"Exponential Backoff and Jitter\")"),
                    integer("clients", 100, 1, 100'000, "Clients that start at once against the dependency"),
                    integer("max_attempts", 20, 1, 1000, "Attempts per client, the first included"),
                    integer("base_ms", 5, 1, 60'000, "First backoff delay"),
                    integer("cap_ms", 2000, 1, 3'600'000, "Largest backoff delay"),
                    integer("deadline_ms", 60'000, 1, 86'400'000, "Overall deadline per client"),
                    integer("capacity", 5, 1, 1'000'000, "Calls the dependency serves per slot; more fail"),
                    integer("slot_ms", 1, 1, 60'000, "Length of a contention slot"),
                    real("failure_rate", 0.05, 0, 0.99, "Chance that a call fails even without contention"),
                    integer("seed", 1, 0, 1e15, "Random seed of jitter and failures"),
                } },
            { QStringLiteral("pool"),
                {
                    integer("workers", 4, 1, 256, "Worker threads of the pool"),
                    integer("queue_bound", 256, 1, 10'000'000, "Tasks the queue holds"),
                    choice("rejection", "block",
                        { QStringLiteral("block"), QStringLiteral("reject"), QStringLiteral("caller_runs") },
                        "What submit does on a full queue"),
                    integer("tasks", 4000, 1, 1e9, "Tasks per repetition"),
                    choice("distribution", "exponential",
                        { QStringLiteral("constant"), QStringLiteral("exponential"), QStringLiteral("uniform") },
                        "Task duration distribution"),
                    integer("mean_us", 100, 0, 10'000'000, "Mean task duration"),
                    choice("work", "sleep", { QStringLiteral("sleep"), QStringLiteral("spin") },
                        "sleep (I/O-like, no CPU) or spin (CPU-bound)"),
                    integer("producers", 1, 1, 64, "Threads submitting tasks"),
                    integer("seed", 1, 0, 1e15, "Random seed of the durations"),
                } },
        };
        return parameters;
    }
}

QString ProfileParameter::validate(const QString& text) const
{
    switch (kind) {
    case Kind::Choice:
        if (choices.contains(text))
            return {};
        return QStringLiteral("\"%1\" must be one of %2, not \"%3\"")
            .arg(name, choices.join(QStringLiteral(", ")), text);
    case Kind::Integer: {
        bool ok = false;
        const qint64 value = text.trimmed().toLongLong(&ok);
        if (ok && double(value) >= minimum && double(value) <= maximum)
            return {};
        return QStringLiteral("\"%1\" takes a whole number from %2 to %3, not \"%4\"")
            .arg(name, QString::number(qint64(minimum)), QString::number(qint64(maximum)), text);
    }
    case Kind::Text:
        if (text.size() <= 4096
            && std::none_of(text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
            return check ? check(text) : QString();
        return QStringLiteral("\"%1\" takes up to 4096 characters without control characters").arg(name);
    case Kind::Real: {
        bool ok = false;
        const double value = text.trimmed().toDouble(&ok);
        if (ok && std::isfinite(value) && value >= minimum && value <= maximum)
            return {};
        return QStringLiteral("\"%1\" takes a number from %2 to %3, not \"%4\"")
            .arg(name, QString::number(minimum), QString::number(maximum), text);
    }
    }
    return QStringLiteral("\"%1\": unknown kind of parameter").arg(name);
}

QStringList ProfileParameter::components()
{
    return { QStringLiteral("cache"), QStringLiteral("limiter"), QStringLiteral("retry"), QStringLiteral("pool") };
}

QString ProfileParameter::componentDescription(const QString& component)
{
    if (component == u"cache")
        return QStringLiteral("TTL cache: Zipf keys, read/write mix, simulated backend latency on a miss");
    if (component == u"limiter")
        return QStringLiteral("Token-bucket limiter: constant, Poisson or bursty arrivals");
    if (component == u"retry")
        return QStringLiteral("Retry with backoff: clients against a flaky, contended dependency (simulated time)");
    if (component == u"pool")
        return QStringLiteral("Worker pool: bounded queue, task-duration distribution");
    return {};
}

const QList<ProfileParameter>& ProfileParameter::forComponent(const QString& component)
{
    static const QList<ProfileParameter> none;
    const auto it = table().find(component);
    return it == table().end() ? none : *it;
}

} // namespace perfdash
