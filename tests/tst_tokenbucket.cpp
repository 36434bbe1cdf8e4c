#include "HeadlessTestMain.h"
#include "TokenBucket.h"

#include <QTest>
#include <random>
#include <thread>

using namespace perfdash;
using namespace std::chrono_literals;

class TestTokenBucket : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void burstIsAvailableAtOnceThenTheRate()
    {
        std::atomic<std::int64_t> now { 5'000 };
        TokenBucket bucket({ 10, 5, [&] { return now.load(); }, {} });
        for (int i = 0; i < 5; ++i)
            QVERIFY(bucket.tryAcquire());
        QVERIFY(!bucket.tryAcquire());
        now += 99'999'999; // just under one interval (100 ms at 10/s)
        QVERIFY(!bucket.tryAcquire());
        now += 1;
        QVERIFY(bucket.tryAcquire());
        QVERIFY(!bucket.tryAcquire(6)); // more than the burst: never
        now += 10'000'000'000;
        QVERIFY(bucket.tryAcquire(5)); // refilled, but not beyond the burst
        QVERIFY(!bucket.tryAcquire());
        const LimiterStats stats = bucket.stats();
        QCOMPARE(stats.admittedRequests, 7u);
        QCOMPARE(stats.admittedTokens, 11u);
        QCOMPARE(stats.rejectedRequests, 4u);
    }

    void neverGrantsMoreThanRateTimesTimePlusBurst_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<qint64>("burst");
        QTest::addRow("1000/s burst 10") << 1000.0 << qint64(10);
        QTest::addRow("3/s burst 1 (interval not a whole ns)") << 3.0 << qint64(1);
        QTest::addRow("7e5/s burst 500") << 7e5 << qint64(500);
        QTest::addRow("0.5/s burst 3") << 0.5 << qint64(3);
    }

    void neverGrantsMoreThanRateTimesTimePlusBurst()
    {
        QFETCH(double, rate);
        QFETCH(qint64, burst);
        std::atomic<std::int64_t> now { 123'456'789 };
        const std::int64_t origin = now.load();
        TokenBucket bucket({ rate, burst, [&] { return now.load(); }, {} });
        std::mt19937_64 random(42);
        // Steps of up to one emission interval: demand stays above what the bucket may grant.
        std::uniform_int_distribution<std::int64_t> step(0, std::int64_t(1e9 / rate));
        std::uniform_int_distribution<std::int64_t> tokens(1, burst);
        std::int64_t granted = 0;
        for (int i = 0; i < 200'000; ++i) {
            if (i % 3 == 0)
                now += step(random);
            const std::int64_t asked = tokens(random);
            if (bucket.tryAcquire(asked))
                granted += asked;
            const double elapsed = double(now.load() - origin) / 1e9;
            if (double(granted) > rate * elapsed + double(burst) + 1e-9)
                QFAIL(qPrintable(QStringLiteral("granted %1 after %2 s").arg(granted).arg(elapsed)));
        }
        // And it does grant: close to the bound when demand exceeds it.
        const double elapsed = double(now.load() - origin) / 1e9;
        QVERIFY2(double(granted) > 0.5 * rate * elapsed, qPrintable(QString::number(granted)));
    }

    void concurrentClientsDoNotOverGrant()
    {
        constexpr double rate = 20'000;
        constexpr std::int64_t burst = 50;
        TokenBucket bucket({ rate, burst, {}, {} });
        const auto start = std::chrono::steady_clock::now();
        std::atomic<std::int64_t> granted { 0 };
        std::vector<std::thread> clients;
        clients.reserve(4);
        for (int t = 0; t < 4; ++t) {
            clients.emplace_back([&] {
                while (std::chrono::steady_clock::now() - start < 200ms) {
                    if (bucket.tryAcquire())
                        ++granted;
                }
            });
        }
        for (std::thread& client : clients)
            client.join();
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        QVERIFY2(double(granted.load()) <= rate * elapsed + burst, qPrintable(QString::number(granted.load())));
        QCOMPARE(bucket.stats().admittedTokens, std::uint64_t(granted.load()));
    }

    void acquireWaitsUntilTokensOrDeadline()
    {
        std::atomic<std::int64_t> now { 0 };
        std::int64_t slept = 0;
        TokenBucket bucket({ 100, 1, [&] { return now.load(); },
            [&](std::chrono::nanoseconds wait) {
                slept += wait.count();
                now += wait.count();
            } });
        QVERIFY(bucket.acquire(1, 0ns));
        QVERIFY(!bucket.acquire(1, 5ms)); // next token in 10 ms: no use waiting
        QCOMPARE(slept, 0);
        QVERIFY(bucket.acquire(1, 20ms));
        QCOMPARE(slept, 10'000'000);
        QVERIFY(!bucket.acquire(2, 1h)); // above the burst: never
    }

    void acquireWithTheRealClock()
    {
        TokenBucket bucket({ 200, 1, {}, {} });
        QVERIFY(bucket.tryAcquire());
        const auto before = std::chrono::steady_clock::now();
        QVERIFY(bucket.acquire(1, 1s));
        QVERIFY(std::chrono::steady_clock::now() - before >= 4ms);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
