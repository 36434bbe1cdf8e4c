#include "Backoff.h"
#include "HeadlessTestMain.h"

#include <QTest>
#include <algorithm>
#include <limits>
#include <set>
#include <vector>

using namespace perfdash;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;

class TestBackoff : public QObject {
    Q_OBJECT

private slots:
    void ceilings_data();
    void ceilings();

    void delaysStayWithinTheCeiling_data();
    void delaysStayWithinTheCeiling();

    void manyAttemptsDoNotOverflow();

    void sameSeedSameDelays();

    void resetStartsOver();

    void ceilingDoesNotAdvance();

    void delaysAreSpreadOverTheWholeRange();

    void fleetOfClientsSpreadsOut();
};

namespace {
// Delays are nanoseconds; a cap beyond what they hold saturates.
BackoffPolicy policy(qint64 initialMs, qint64 capMs, double multiplier)
{
    const auto nanosecondsOf = [](qint64 ms) {
        return ms > nanoseconds::max().count() / 1'000'000 ? nanoseconds::max() : nanoseconds(milliseconds(ms));
    };
    return BackoffPolicy { nanosecondsOf(initialMs), nanosecondsOf(capMs), multiplier, Jitter::Full };
}
// The stream reconnects' policy.
BackoffPolicy streamPolicy() { return policy(250, 30'000, 2.0); }
qint64 inMs(nanoseconds duration) { return std::chrono::duration_cast<milliseconds>(duration).count(); }
}

void TestBackoff::ceilings_data()
{
    QTest::addColumn<BackoffPolicy>("policy");
    QTest::addColumn<QList<qint64>>("ceilings");

    QTest::addRow("default: doubles from 250 ms, capped at 30 s")
        << streamPolicy() << QList<qint64> { 250, 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 };
    QTest::addRow("triples") << policy(1, 100, 3.0) << QList<qint64> { 1, 3, 9, 27, 81, 100, 100 };
    QTest::addRow("fractional multiplier")
        << policy(100, 1000, 1.5) << QList<qint64> { 100, 150, 225, 337, 506, 759, 1000 };
    QTest::addRow("cap below initial") << policy(500, 200, 2.0) << QList<qint64> { 200, 200, 200 };
    QTest::addRow("multiplier 1 stays flat") << policy(40, 1000, 1.0) << QList<qint64> { 40, 40, 40, 40 };
    QTest::addRow("zero initial") << policy(0, 1000, 2.0) << QList<qint64> { 0, 0, 0 };
    QTest::addRow("cap at the largest duration") << policy(1, std::numeric_limits<qint64>::max(),
        1e6) << QList<qint64> { 1, 1000000, 1000000000000, inMs(nanoseconds::max()), inMs(nanoseconds::max()) };
}

void TestBackoff::ceilings()
{
    QFETCH(BackoffPolicy, policy);
    QFETCH(QList<qint64>, ceilings);

    Backoff backoff(policy, 1);
    for (int attempt = 0; attempt < ceilings.size(); ++attempt) {
        QCOMPARE(backoff.retries(), attempt);
        QCOMPARE(inMs(backoff.ceiling()), ceilings[attempt]);
        const qint64 delay = inMs(backoff.nextDelay());
        QVERIFY(delay >= 0);
        QVERIFY(delay <= ceilings[attempt]);
    }
    QCOMPARE(backoff.retries(), ceilings.size());
}

void TestBackoff::delaysStayWithinTheCeiling_data()
{
    QTest::addColumn<BackoffPolicy>("policy");
    QTest::addRow("default") << streamPolicy();
    QTest::addRow("small") << policy(1, 10, 2.0);
    QTest::addRow("triples") << policy(7, 5000, 3.0);
    QTest::addRow("huge cap") << policy(1, std::numeric_limits<qint64>::max(), 10.0);
}

void TestBackoff::delaysStayWithinTheCeiling()
{
    QFETCH(BackoffPolicy, policy);

    Backoff backoff(policy, 42);
    for (int round = 0; round < 200; ++round) {
        backoff.reset();
        for (int attempt = 0; attempt < 50; ++attempt) {
            const nanoseconds ceiling = backoff.ceiling();
            QVERIFY(ceiling <= std::max(policy.cap, nanoseconds(0)));
            const nanoseconds delay = backoff.nextDelay();
            QVERIFY2(delay.count() >= 0 && delay <= ceiling,
                qPrintable(QStringLiteral("attempt %1: %2 outside [0, %3]")
                               .arg(attempt)
                               .arg(delay.count())
                               .arg(ceiling.count())));
        }
    }
}

void TestBackoff::manyAttemptsDoNotOverflow()
{
    Backoff backoff(streamPolicy(), 7);
    for (int i = 0; i < 100000; ++i) {
        const nanoseconds delay = backoff.nextDelay();
        QVERIFY(delay.count() >= 0 && delay <= milliseconds(30000));
    }
    QCOMPARE(backoff.retries(), 100000);
    QCOMPARE(backoff.ceiling(), milliseconds(30000));
}

void TestBackoff::sameSeedSameDelays()
{
    Backoff first(streamPolicy(), 12345);
    Backoff second(streamPolicy(), 12345);
    Backoff other(streamPolicy(), 54321);
    std::vector<qint64> a, b, c;
    for (int i = 0; i < 30; ++i) {
        a.push_back(first.nextDelay().count());
        b.push_back(second.nextDelay().count());
        c.push_back(other.nextDelay().count());
    }
    QVERIFY(a == b);
    QVERIFY(a != c);
}

void TestBackoff::resetStartsOver()
{
    Backoff backoff(streamPolicy(), 3);
    for (int i = 0; i < 6; ++i)
        backoff.nextDelay();
    QCOMPARE(backoff.retries(), 6);
    QCOMPARE(backoff.ceiling(), milliseconds(16000));
    backoff.reset();
    QCOMPARE(backoff.retries(), 0);
    QCOMPARE(backoff.ceiling(), milliseconds(250));
    QVERIFY(backoff.nextDelay() <= milliseconds(250));
    QCOMPARE(backoff.retries(), 1);
}

void TestBackoff::ceilingDoesNotAdvance()
{
    Backoff backoff(streamPolicy(), 3);
    QCOMPARE(backoff.ceiling(), milliseconds(250));
    QCOMPARE(backoff.ceiling(), milliseconds(250));
    QCOMPARE(backoff.retries(), 0);
}

void TestBackoff::delaysAreSpreadOverTheWholeRange()
{
    // Full jitter: at the cap, draws cover [0, cap] roughly uniformly.
    Backoff backoff(streamPolicy(), 2024);
    for (int i = 0; i < 20; ++i)
        backoff.nextDelay();
    const int draws = 20000;
    std::set<qint64> distinct;
    std::vector<int> buckets(10, 0);
    double sum = 0;
    for (int i = 0; i < draws; ++i) {
        const qint64 delay = inMs(backoff.nextDelay());
        distinct.insert(delay);
        sum += double(delay);
        ++buckets[std::min<qint64>(delay * 10 / 30000, 9)];
    }
    QVERIFY2(distinct.size() > 10000, qPrintable(QString::number(distinct.size())));
    QVERIFY(*distinct.begin() < 300);
    QVERIFY(*distinct.rbegin() > 29700);
    const double mean = sum / draws;
    QVERIFY2(mean > 14000 && mean < 16000, qPrintable(QString::number(mean)));
    for (const int count : buckets)
        QVERIFY2(count > draws / 10.0 * 0.85 && count < draws / 10.0 * 1.15, qPrintable(QString::number(count)));
}

void TestBackoff::fleetOfClientsSpreadsOut()
{
    // The point of jitter: clients reconnecting at the same attempt do not pick the same delay.
    std::set<qint64> firstDelays;
    for (std::uint64_t seed = 0; seed < 100; ++seed) {
        Backoff backoff(streamPolicy(), seed);
        for (int i = 0; i < 5; ++i)
            backoff.nextDelay();
        firstDelays.insert(inMs(backoff.nextDelay()));
    }
    QVERIFY(firstDelays.size() > 90);
}

PERFDASH_TEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
