#include "HeadlessTestMain.h"
#include "Retry.h"
#include "Backoff.h"

#include <QTest>

using namespace perfdash;
using namespace std::chrono_literals;
using std::chrono::nanoseconds;

Q_DECLARE_METATYPE(perfdash::Jitter)

class TestRetry : public QObject {
    Q_OBJECT

    static RetryPolicy policy(Jitter jitter)
    {
        RetryPolicy result;
        result.backoff.base = 10ms;
        result.backoff.cap = 1s;
        result.backoff.multiplier = 2;
        result.backoff.jitter = jitter;
        return result;
    }

private Q_SLOTS:
    void delaysStayWithinTheirMode_data()
    {
        QTest::addColumn<Jitter>("jitter");
        QTest::addRow("none") << Jitter::None;
        QTest::addRow("full") << Jitter::Full;
        QTest::addRow("equal") << Jitter::Equal;
        QTest::addRow("decorrelated") << Jitter::Decorrelated;
    }

    void delaysStayWithinTheirMode()
    {
        QFETCH(Jitter, jitter);
        const RetryPolicy rules = policy(jitter);
        for (std::uint64_t seed = 1; seed <= 200; ++seed) {
            Backoff backoff(rules.backoff, seed);
            for (int retry = 0; retry < 15; ++retry) {
                const nanoseconds ceiling = backoff.ceiling();
                QCOMPARE(ceiling, std::min<nanoseconds>(rules.backoff.cap, rules.backoff.base * (1LL << retry)));
                const nanoseconds previous = backoff.previousDelay();
                const nanoseconds delay = backoff.nextDelay();
                switch (jitter) {
                case Jitter::None:
                    QCOMPARE(delay, ceiling);
                    break;
                case Jitter::Full:
                    QVERIFY(delay >= 0ns && delay <= ceiling);
                    break;
                case Jitter::Equal:
                    QVERIFY(delay >= ceiling / 2 && delay <= ceiling);
                    break;
                case Jitter::Decorrelated:
                    QVERIFY(delay >= rules.backoff.base);
                    QVERIFY(delay <= std::min<nanoseconds>(rules.backoff.cap, previous * 3));
                    break;
                }
            }
        }
    }

    void jitterSpreadsTheDelays()
    {
        // Full jitter over many seeds covers the low and the high part of the range.
        bool low = false;
        bool high = false;
        for (std::uint64_t seed = 1; seed <= 200; ++seed) {
            Backoff backoff(policy(Jitter::Full).backoff, seed);
            const nanoseconds delay = backoff.nextDelay();
            low = low || delay < 2ms;
            high = high || delay > 8ms;
        }
        QVERIFY(low && high);
    }

    void jitterNamesRoundTrip()
    {
        for (Jitter jitter : { Jitter::None, Jitter::Full, Jitter::Equal, Jitter::Decorrelated })
            QCOMPARE(parseJitter(jitterName(jitter)), std::optional<Jitter>(jitter));
        QCOMPARE(parseJitter("fuzzy"), std::nullopt);
    }

    void succeedsAfterFailures()
    {
        std::int64_t now = 0;
        std::vector<nanoseconds> sleeps;
        Retry retry(
            policy(Jitter::None), [&] { return now; },
            [&](nanoseconds wait) {
                sleeps.push_back(wait);
                now += wait.count();
            });
        const Retry::Outcome outcome = retry.run([](int attempt) -> std::optional<std::string> {
            if (attempt < 3)
                return "busy";
            return std::nullopt;
        });
        QVERIFY(outcome.succeeded);
        QCOMPARE(outcome.attempts, 3);
        QCOMPARE(sleeps, (std::vector<nanoseconds> { 10ms, 20ms }));
        QCOMPARE(outcome.waited, nanoseconds(30ms));
        QCOMPARE(retry.stats().attempts, 3u);
        QCOMPARE(retry.stats().succeeded, 1u);
    }

    void stopsAtMaxAttempts()
    {
        std::int64_t now = 0;
        Retry retry(
            policy(Jitter::Full), [&] { return now; }, [&](nanoseconds wait) { now += wait.count(); });
        int calls = 0;
        const Retry::Outcome outcome = retry.run([&](int) -> std::optional<std::string> {
            ++calls;
            return "down";
        });
        QVERIFY(!outcome.succeeded);
        QCOMPARE(calls, 5);
        QCOMPARE(outcome.stop, Retry::Outcome::Stop::OutOfAttempts);
        QCOMPARE(outcome.lastError, std::string("down"));
        QCOMPARE(retry.stats().gaveUp, 1u);
    }

    void stopsBeforeTheDeadline()
    {
        RetryPolicy rules = policy(Jitter::None);
        rules.maxAttempts = 100;
        rules.deadline = 100ms;
        std::int64_t now = 0;
        Retry retry(
            rules, [&] { return now; }, [&](nanoseconds wait) { now += wait.count(); });
        const Retry::Outcome outcome = retry.run([](int) -> std::optional<std::string> { return "slow"; });
        QCOMPARE(outcome.stop, Retry::Outcome::Stop::Deadline);
        // Waits of 10, 20, 40 ms fit in 100 ms; the next (80 ms) would end past it.
        QCOMPARE(outcome.attempts, 4);
        QVERIFY(now <= 100'000'000);
    }

    void doesNotRetryWhatThePredicateRefuses()
    {
        Retry retry(policy(Jitter::Full), {}, [](nanoseconds) { QFAIL("must not sleep"); });
        const Retry::Outcome outcome = retry.run([](int) -> std::optional<std::string> { return "404 not found"; },
            [](const std::string& error) { return error.rfind('5', 0) == 0; });
        QCOMPARE(outcome.attempts, 1);
        QCOMPARE(outcome.stop, Retry::Outcome::Stop::NotRetryable);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestRetry)
#include "tst_retry.moc"
