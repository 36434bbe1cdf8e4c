#include "BlockingRedisClient.h"
#include "HeadlessTestMain.h"
#include "LocalRedis.h"
#include "ProfileEngine.h"
#include "RedisAddress.h"
#include "RedisTier.h"

#include <QTest>
#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace perfdash;
using namespace std::chrono_literals;
using Overrides = QMap<QString, QString>;

// The cache's Redis tier against a real redis-server: the client, the tier, and two-tier runs through the
// engine, including Redis killed, paused, unreachable or refusing the password mid-run.
class TestRedisTier : public QObject {
    Q_OBJECT

    static ProfileSettings settings(const Overrides& overrides)
    {
        QString error;
        const auto made = ProfileSettings::make(QStringLiteral("cache"), overrides, &error);
        if (!made)
            qFatal("%s", qPrintable(error));
        return *made;
    }

    static Overrides twoTier(const QString& redis)
    {
        // A generous timeout: on a loaded machine a healthy Redis must not count as slow.
        return { { "ops", "20000" }, { "keys", "5000" }, { "capacity", "200" }, { "miss_latency_us", "0" },
            { "threads", "2" }, { "redis", redis }, { "redis_timeout_ms", "5000" } };
    }

    static QString urlOf(const LocalRedis& redis) { return QStringLiteral("redis://127.0.0.1:%1").arg(redis.port()); }

    // calls=N of one command in INFO commandstats (0 when it never ran).
    static qint64 commandCalls(BlockingRedisClient& client, const QByteArray& command)
    {
        const RedisReply stats = client.call({ "INFO", "commandstats" }, 2s);
        const QByteArray key = "cmdstat_" + command + ":calls=";
        const qsizetype at = stats.text.indexOf(key);
        if (at < 0)
            return 0;
        const qsizetype from = at + key.size();
        return stats.text.mid(from, stats.text.indexOf(',', from) - from).toLongLong();
    }

    static ProfileRun runWhile(const ProfileSettings& settings, const std::function<void()>& duringRun)
    {
        std::atomic<bool> cancel { false };
        ProfileRun run;
        std::thread runner([&] { run = ProfileEngine().run(settings, 1, cancel); });
        duringRun();
        runner.join();
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!LocalRedis::binary().isEmpty(),
            "redis-server is not installed: these tests need a real one (scripts/setup-debian installs it)");
    }

    void addressesParseAndBadOnesAreNamed()
    {
        QString error;
        const auto full = RedisAddress::parse(QStringLiteral("redis://perf@cache.internal:6380/2"), &error);
        QVERIFY2(full, qPrintable(error));
        QCOMPARE(full->host, QStringLiteral("cache.internal"));
        QCOMPARE(full->port, quint16(6380));
        QCOMPARE(full->database, 2);
        QCOMPARE(full->user, QStringLiteral("perf"));
        QCOMPARE(RedisAddress::parse(QStringLiteral("redis://127.0.0.1"), &error)->port, quint16(6379));

        const QList<std::pair<QString, QString>> bad {
            { "http://127.0.0.1:6379", "scheme" },
            { "redis://:6379", "host" },
            { "redis://127.0.0.1/zero", "database number" },
            { "redis://127.0.0.1:70000", "redis://" },
            { "redis://user:secret@127.0.0.1", "PERFDASH_REDIS_PASSWORD" },
            // Malformed, with a password holding a slash: neither the password nor QUrl's quote of it shows.
            { "redis://user:se/cret@127.0.0.1:99999", "well-formed" },
        };
        for (const auto& [url, why] : bad) {
            error.clear();
            QVERIFY2(!RedisAddress::parse(url, &error), qPrintable(url));
            QVERIFY2(error.contains(url.section(u'@', -1)) && error.contains(why), qPrintable(error));
            // A password is never echoed.
            QVERIFY2(!error.contains(QStringLiteral("secret")) && !error.contains(QStringLiteral("cret")),
                qPrintable(error));
        }
        // The run settings refuse them the same way, before anything starts.
        QVERIFY(!ProfileSettings::make(QStringLiteral("cache"), { { "redis", "redis//nohost" } }, &error));
        QVERIFY2(error.contains(QStringLiteral("\"redis\"")) && error.contains(QStringLiteral("private")),
            qPrintable(error));
        QVERIFY(ProfileSettings::make(QStringLiteral("cache"), { { "redis", "private" } }, &error));
    }

    void theTierStoresWithATtlAndReadsBack()
    {
        LocalRedis server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        RedisTier tier({ server.address(), "test:tier:", 5000ms, 1000ms });
        QVERIFY(!tier.get(7));
        tier.set(7, 4242);
        QCOMPARE(tier.get(7), std::optional<std::uint64_t>(4242));

        BlockingRedisClient client(server.address());
        const RedisReply ttl = client.call({ "PTTL", "test:tier:7" }, 2s);
        QCOMPARE(ttl.type, RedisReply::Type::Integer);
        QVERIFY2(ttl.integer > 0 && ttl.integer <= 5000, qPrintable(QString::number(ttl.integer)));

        QMap<QString, double> metrics;
        tier.addMetrics(metrics, 1.0);
        QCOMPARE(metrics.value("l2_hit_ratio"), 0.5);
        QCOMPARE(metrics.value("redis_errors"), 0.0);
        QCOMPARE(metrics.value("redis_ops_per_s"), 3.0);
        QVERIFY(metrics.value("redis_peak_memory_bytes") > 100'000);
    }

    void invalidationScansAndUnlinksOnlyThePrefix()
    {
        LocalRedis server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        BlockingRedisClient client(server.address());
        // More keys than one SCAN page, a key that merely starts alike, and one with glob characters.
        for (int i = 0; i < 2500; ++i)
            QCOMPARE(
                client.call({ "SET", "mine:*[x]:" + QByteArray::number(i), "v" }, 2s).type, RedisReply::Type::Status);
        QCOMPARE(client.call({ "SET", "mine:other", "keep" }, 2s).type, RedisReply::Type::Status);
        QCOMPARE(client.call({ "SET", "theirs", "keep" }, 2s).type, RedisReply::Type::Status);

        const RedisReply removed = client.unlinkByPrefix("mine:*[x]:", 30s);
        QCOMPARE(removed.type, RedisReply::Type::Integer);
        QCOMPARE(removed.integer, 2500);
        QCOMPARE(client.call({ "DBSIZE" }, 2s).integer, 2);
        QCOMPARE(client.call({ "GET", "mine:other" }, 2s).text, QByteArray("keep"));
        QVERIFY(commandCalls(client, "scan") > 1);
        QVERIFY(commandCalls(client, "unlink") >= 1);
        QCOMPARE(commandCalls(client, "keys"), 0);
    }

    void aTwoTierRunReportsEachTierAndCleansUp()
    {
        LocalRedis server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        BlockingRedisClient client(server.address());
        QCOMPARE(client.call({ "SET", "user:key", "theirs" }, 2s).type, RedisReply::Type::Status);

        const ProfileRun run = ProfileEngine().run(settings(twoTier(urlOf(server))), 2, std::atomic<bool>(false));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.repetitions.size(), 2);
        QVERIFY2(run.notes.isEmpty(), qPrintable(run.notes.join('\n')));
        for (const RepetitionResult& repetition : run.repetitions) {
            const QMap<QString, double>& m = repetition.metrics;
            const double l1 = m.value("hit_ratio");
            QVERIFY2(l1 > 0.2 && l1 < 0.9, qPrintable(QString::number(l1)));
            // Every repetition starts with a cold Redis (a prefix of its own), so its L2 hits are keys
            // evicted from L1 earlier in the same repetition: plenty with 200 slots for 5000 keys.
            QVERIFY2(m.value("l2_hit_ratio") > 0.3, qPrintable(QString::number(m.value("l2_hit_ratio"))));
            QVERIFY(m.value("combined_hit_ratio") > l1);
            QVERIFY(m.value("combined_hit_ratio") <= 1.0);
            QCOMPARE(m.value("redis_errors"), 0.0);
            QCOMPARE(m.value("redis_timeouts"), 0.0);
            QVERIFY(m.value("redis_ops_per_s") > 100);
            QVERIFY(m.value("redis_peak_memory_bytes") > 100'000);
            // The round trip shows in the latency: the slow tail is Redis, the fast head L1.
            QVERIFY(m.value("latency_p99_us") > m.value("latency_p50_us"));
        }
        // Its keys are gone; the user's key stays; KEYS was never sent.
        QCOMPARE(client.call({ "DBSIZE" }, 2s).integer, 1);
        QCOMPARE(client.call({ "GET", "user:key" }, 2s).text, QByteArray("theirs"));
        QCOMPARE(commandCalls(client, "keys"), 0);
    }

    void aPrivateServerIsStartedForTheRun()
    {
        const ProfileRun run = ProfileEngine().run(settings(twoTier("private")), 1, std::atomic<bool>(false));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.repetitions.size(), 1);
        QCOMPARE(run.repetitions[0].metrics.value("redis_errors"), 0.0);
        QVERIFY(run.repetitions[0].metrics.value("l2_hit_ratio") > 0.3);
        QVERIFY(run.repetitions[0].metrics.contains("redis_peak_memory_bytes"));
    }

    void concurrentMissesMakeOneGetAndOneBackendLoad()
    {
        LocalRedis server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        Overrides overrides = twoTier(urlOf(server));
        // One key, four threads, a slow backend: every thread misses L1 at once.
        overrides.insert("keys", "1");
        overrides.insert("ops", "400");
        overrides.insert("threads", "4");
        overrides.insert("read_ratio", "1");
        overrides.insert("miss_latency_us", "200000");
        const ProfileRun run = ProfileEngine().run(settings(overrides), 1, std::atomic<bool>(false));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        BlockingRedisClient client(server.address());
        QCOMPARE(commandCalls(client, "get"), 1);
        QCOMPARE(commandCalls(client, "set"), 1);
        QCOMPARE(run.repetitions[0].metrics.value("combined_hit_ratio"), 1.0 - 1.0 / 400);
    }

    void redisKilledMidRunIsCountedAndTheRunGoesOn()
    {
        auto server = std::make_unique<LocalRedis>();
        QString error;
        QVERIFY2(server->start(&error), qPrintable(error));
        Overrides overrides = twoTier(urlOf(*server));
        overrides.insert("duration_ms", "1500");
        overrides.insert("miss_latency_us", "20");
        const auto started = std::chrono::steady_clock::now();
        const ProfileRun run = runWhile(settings(overrides), [&] {
            std::this_thread::sleep_for(500ms);
            server->kill();
        });
        QVERIFY(std::chrono::steady_clock::now() - started < 10s);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.repetitions.size(), 1);
        const QMap<QString, double>& m = run.repetitions[0].metrics;
        QVERIFY2(m.value("redis_errors") > 0, qPrintable(QString::number(m.value("redis_errors"))));
        QVERIFY(m.value("throughput_ops_per_s") > 1000); // the backend served what Redis could not
        QVERIFY(m.value("l2_hit_ratio") > 0); // Redis answered before it died
        // One note for the failures, one because its keys could not be removed from a dead server.
        QCOMPARE(run.notes.size(), 2);
        QVERIFY2(run.notes[1].contains(QStringLiteral("not removed")), qPrintable(run.notes[1]));
        QVERIFY2(run.notes[0].contains(QStringLiteral("Redis errors")) && run.notes[0].contains(urlOf(*server).mid(8)),
            qPrintable(run.notes[0]));
    }

    void aPausedRedisTimesOutAndTheLatencyShowsIt()
    {
        LocalRedis server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        BlockingRedisClient pauser(server.address());
        // Paused for longer than the run: every command that reaches Redis waits out the 20 ms timeout.
        QCOMPARE(pauser.call({ "CLIENT", "PAUSE", "2500", "ALL" }, 2s).type, RedisReply::Type::Status);
        Overrides overrides = twoTier(urlOf(server));
        overrides.insert("duration_ms", "800");
        overrides.insert("redis_timeout_ms", "20");
        const auto started = std::chrono::steady_clock::now();
        const ProfileRun run = ProfileEngine().run(settings(overrides), 1, std::atomic<bool>(false));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        const QMap<QString, double>& m = run.repetitions.value(0).metrics;
        QVERIFY2(m.value("redis_timeouts") >= 20, qPrintable(QString::number(m.value("redis_timeouts"))));
        // An L1 miss costs a timed-out GET (and a timed-out SET after the backend): the median op is slow.
        QVERIFY2(m.value("latency_p50_us") >= 20'000, qPrintable(QString::number(m.value("latency_p50_us"))));
        QVERIFY(!m.contains("l2_hit_ratio")); // Redis answered no GET
        QVERIFY2(run.notes.value(0).contains(QStringLiteral(": no reply within 20 ms"))
                && run.notes.value(0).contains(urlOf(server).mid(8)),
            qPrintable(run.notes.value(0)));
        // The duration holds however slow Redis is (the cleanup afterwards waits for the pause to end).
        QVERIFY(std::chrono::steady_clock::now() - started < 6s);
    }

    void anUnreachableRedisIsNamedAndTheBackendServes()
    {
        LocalRedis probe; // a port that was free a moment ago, with nothing listening now
        QString error;
        QVERIFY2(probe.start(&error), qPrintable(error));
        const QString url = urlOf(probe);
        probe.kill();
        const ProfileRun run = ProfileEngine().run(settings(twoTier(url)), 1, std::atomic<bool>(false));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        const QMap<QString, double>& m = run.repetitions.value(0).metrics;
        QVERIFY(m.value("redis_errors") > 0);
        // Only L1 served: the combined ratio is L1's plus the reads that waited on another thread's load.
        QVERIFY(m.value("combined_hit_ratio") >= m.value("hit_ratio"));
        QVERIFY(m.value("combined_hit_ratio") < m.value("hit_ratio") + 0.01);
        QVERIFY(!m.contains("redis_peak_memory_bytes"));
        QVERIFY2(run.notes.value(0).contains(QStringLiteral("Connection refused")), qPrintable(run.notes.value(0)));
    }

    void aWrongPasswordIsNamed()
    {
        LocalRedis server;
        server.setPassword(QStringLiteral("right horse"));
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        qputenv("PERFDASH_REDIS_PASSWORD", "wrong horse");
        const ProfileRun refused = ProfileEngine().run(settings(twoTier(urlOf(server))), 1, std::atomic<bool>(false));
        qputenv("PERFDASH_REDIS_PASSWORD", "right horse");
        const ProfileRun accepted = ProfileEngine().run(settings(twoTier(urlOf(server))), 1, std::atomic<bool>(false));
        qunsetenv("PERFDASH_REDIS_PASSWORD");

        QVERIFY(refused.repetitions.value(0).metrics.value("redis_errors") > 0);
        // Names the server, the command, and why: the AUTH refusal behind the NOAUTH.
        QVERIFY2(refused.notes.value(0).contains(QStringLiteral("NOAUTH"))
                && refused.notes.value(0).contains(QStringLiteral("WRONGPASS"))
                && refused.notes.value(0).contains(urlOf(server).mid(8)),
            qPrintable(refused.notes.value(0)));
        QVERIFY(!refused.notes.value(0).contains(QStringLiteral("horse")));
        QCOMPARE(accepted.repetitions.value(0).metrics.value("redis_errors"), 0.0);
        QVERIFY(accepted.repetitions.value(0).metrics.value("l2_hit_ratio") > 0.3);
    }

    void aConnectThatNeverCompletesIsGivenUp()
    {
        // A listener with a backlog of 0 that never accepts, its queue filled by two connections: the next
        // SYN is dropped, so a connect hangs as against a black-holed host.
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(listener >= 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        QVERIFY(::bind(listener, reinterpret_cast<sockaddr*>(&address), length) == 0);
        QVERIFY(::listen(listener, 0) == 0);
        QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        std::vector<int> fillers;
        for (int i = 0; i < 2; ++i) {
            const int filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            static_cast<void>(
                ::connect(filler, reinterpret_cast<sockaddr*>(&address), length)); // in progress: EINPROGRESS
            fillers.push_back(filler);
        }
        QTest::qWait(100);

        Overrides overrides = twoTier(QStringLiteral("redis://127.0.0.1:%1").arg(ntohs(address.sin_port)));
        overrides.insert("duration_ms", "1800");
        overrides.insert("redis_timeout_ms", "50");
        const auto started = std::chrono::steady_clock::now();
        const ProfileRun run = ProfileEngine().run(settings(overrides), 1, std::atomic<bool>(false));
        const auto took = std::chrono::steady_clock::now() - started;
        for (const int filler : fillers)
            ::close(filler);
        ::close(listener);

        QVERIFY(took < 10s);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        const QMap<QString, double>& m = run.repetitions.value(0).metrics;
        QVERIFY(m.value("redis_timeouts") > 0); // commands queued behind the connect
        QVERIFY(m.value("redis_errors") > 0); // and after it was given up, failed at once until the retry
        QVERIFY(m.value("throughput_ops_per_s") > 0);
        QVERIFY2(run.notes.join(u'\n').contains(QStringLiteral("no connection within 1000 ms")),
            qPrintable(run.notes.join(u'\n')));
    }

    void aMissingServerBinaryStopsTheRunWithTheReason()
    {
        qputenv("PERFDASH_REDIS_SERVER", "/nonexistent/redis-server");
        const ProfileRun run = ProfileEngine().run(settings(twoTier("private")), 2, std::atomic<bool>(false));
        qunsetenv("PERFDASH_REDIS_SERVER");
        QVERIFY(run.repetitions.isEmpty());
        QVERIFY2(run.error.contains(QStringLiteral("/nonexistent/redis-server")), qPrintable(run.error));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestRedisTier)
#include "tst_redistier.moc"
