#include "HeadlessTestMain.h"
#include "WorkerPool.h"

#include <QTest>
#include <atomic>
#include <thread>

using namespace perfdash;
using namespace std::chrono_literals;

class TestWorkerPool : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultsToFourWorkers()
    {
        WorkerPool pool;
        QCOMPARE(pool.workers(), 4);
    }

    void shutdownRunsEveryAcceptedTask()
    {
        std::atomic<int> ran { 0 };
        int accepted = 0;
        {
            WorkerPool pool({ 3, 10'000, WorkerPool::Rejection::Reject });
            for (int i = 0; i < 2000; ++i) {
                accepted += pool.submit([&] {
                    if (ran.load() % 100 == 0)
                        std::this_thread::sleep_for(1ms);
                    ++ran;
                });
            }
            pool.shutdown(); // right away: most tasks are still queued
            QCOMPARE(ran.load(), accepted);
            QVERIFY(!pool.submit([] {})); // closed
            const PoolStats stats = pool.stats();
            QCOMPARE(stats.completed, std::uint64_t(accepted));
            QCOMPARE(stats.queueDepth, 0u);
            QCOMPARE(stats.rejected, 1u);
        }
        QCOMPARE(accepted, 2000);
    }

    void manyProducersLoseNothing()
    {
        std::atomic<int> ran { 0 };
        std::atomic<int> accepted { 0 };
        WorkerPool pool({ 4, 16, WorkerPool::Rejection::Block });
        std::vector<std::thread> producers;
        producers.reserve(4);
        for (int p = 0; p < 4; ++p) {
            producers.emplace_back([&] {
                for (int i = 0; i < 500; ++i)
                    accepted += pool.submit([&] { ++ran; }) ? 1 : 0;
            });
        }
        for (std::thread& producer : producers)
            producer.join();
        pool.shutdown();
        QCOMPARE(accepted.load(), 2000);
        QCOMPARE(ran.load(), 2000);
    }

    void rejectsWhenFull()
    {
        std::atomic<bool> release { false };
        WorkerPool pool({ 1, 2, WorkerPool::Rejection::Reject });
        QVERIFY(pool.submit([&] {
            while (!release)
                std::this_thread::yield();
        }));
        QTRY_COMPARE(pool.stats().running, 1u); // the worker holds the first task
        QVERIFY(pool.submit([] {}));
        QVERIFY(pool.submit([] {}));
        QVERIFY(!pool.submit([] {}));
        QCOMPARE(pool.stats().queueDepth, 2u);
        QCOMPARE(pool.stats().rejected, 1u);
        release = true;
        pool.shutdown();
        QCOMPARE(pool.stats().completed, 3u);
    }

    void callerRunsWhenFull()
    {
        std::atomic<bool> release { false };
        WorkerPool pool({ 1, 1, WorkerPool::Rejection::CallerRuns });
        pool.submit([&] {
            while (!release)
                std::this_thread::yield();
        });
        QTRY_COMPARE(pool.stats().running, 1u);
        pool.submit([] {});
        std::thread::id ranOn;
        QVERIFY(pool.submit([&] { ranOn = std::this_thread::get_id(); }));
        QCOMPARE(ranOn, std::this_thread::get_id());
        release = true;
    }

    void aThrowingTaskIsCountedAndTheWorkerSurvives()
    {
        WorkerPool pool({ 1, 10, WorkerPool::Rejection::Reject });
        std::atomic<bool> after { false };
        pool.submit([] { throw std::runtime_error("boom"); });
        pool.submit([&] { after = true; });
        pool.shutdown();
        QVERIFY(after.load());
        QCOMPARE(pool.stats().failed, 1u);
        QCOMPARE(pool.stats().completed, 2u);
    }

    void measuresWaitAndRunTime()
    {
        WorkerPool pool({ 1, 10, WorkerPool::Rejection::Reject });
        for (int i = 0; i < 3; ++i)
            pool.submit([] { std::this_thread::sleep_for(5ms); });
        pool.shutdown();
        const PoolStats stats = pool.stats();
        QVERIFY(stats.runNs >= 15'000'000);
        QVERIFY(stats.maxWaitNs >= 5'000'000); // the third waited for two tasks
        QVERIFY(stats.waitNs >= stats.maxWaitNs);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestWorkerPool)
#include "tst_workerpool.moc"
