#include "WorkerPool.h"

#include "NanoClock.h"

#include <algorithm>

namespace perfdash {

WorkerPool::WorkerPool()
    : WorkerPool(Options {})
{
}

WorkerPool::WorkerPool(Options options)
    : m_options(options)
{
    m_options.workers = std::max(options.workers, 1);
    m_options.queueCapacity = std::max<std::size_t>(options.queueCapacity, 1);
    m_threads.reserve(std::size_t(m_options.workers));
    for (int i = 0; i < m_options.workers; ++i)
        m_threads.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::submit(std::function<void()> task)
{
    std::unique_lock lock(m_mutex);
    if (m_accepting && m_queue.size() >= m_options.queueCapacity) {
        switch (m_options.rejection) {
        case Rejection::Reject:
            ++m_stats.rejected;
            return false;
        case Rejection::Block:
            m_notFull.wait(lock, [this] { return !m_accepting || m_queue.size() < m_options.queueCapacity; });
            break;
        case Rejection::CallerRuns:
            ++m_stats.accepted;
            ++m_stats.running;
            lock.unlock();
            runTask(task);
            return true;
        }
    }
    if (!m_accepting) {
        ++m_stats.rejected;
        return false;
    }
    ++m_stats.accepted;
    m_queue.push_back({ std::move(task), steadyNanos() });
    lock.unlock();
    m_notEmpty.notify_one();
    return true;
}

void WorkerPool::runTask(std::function<void()>& task)
{
    const std::int64_t started = steadyNanos();
    bool threw = false;
    try {
        task();
    } catch (...) {
        threw = true; // a worker must survive a throwing task; it is counted, not rethrown
    }
    const std::int64_t ran = steadyNanos() - started;
    std::lock_guard lock(m_mutex);
    --m_stats.running;
    ++m_stats.completed;
    m_stats.runNs += std::uint64_t(ran);
    if (threw)
        ++m_stats.failed;
}

void WorkerPool::work()
{
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return !m_queue.empty() || !m_accepting; });
        if (m_queue.empty())
            return; // not accepting and drained
        Queued next = std::move(m_queue.front());
        m_queue.pop_front();
        const auto waited = std::uint64_t(std::max<std::int64_t>(steadyNanos() - next.enqueuedNs, 0));
        m_stats.waitNs += waited;
        m_stats.maxWaitNs = std::max(m_stats.maxWaitNs, waited);
        ++m_stats.running;
        lock.unlock();
        m_notFull.notify_one();
        runTask(next.task);
    }
}

void WorkerPool::shutdown()
{
    std::lock_guard shutdownLock(m_shutdownMutex);
    {
        std::lock_guard lock(m_mutex);
        m_accepting = false;
    }
    m_notEmpty.notify_all();
    m_notFull.notify_all();
    for (std::thread& thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

PoolStats WorkerPool::stats() const
{
    std::lock_guard lock(m_mutex);
    PoolStats stats = m_stats;
    stats.queueDepth = m_queue.size();
    return stats;
}

} // namespace perfdash
