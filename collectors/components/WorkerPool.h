#pragma once

#include "PoolStats.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace perfdash {

// A fixed set of worker threads behind a bounded FIFO queue. shutdown() stops taking tasks and runs
// every task it accepted before the workers exit: an accepted task is never lost.
class WorkerPool {
public:
    // What submit() does when the queue is full.
    enum class Rejection {
        Reject, // refuse the task
        Block, // wait for room (refused only if the pool shuts down meanwhile)
        CallerRuns, // run it on the submitting thread: natural back-pressure
    };

    struct Options {
        int workers = 4;
        std::size_t queueCapacity = 1024;
        Rejection rejection = Rejection::Reject;
    };

    WorkerPool();
    explicit WorkerPool(Options options);
    // Shuts down gracefully.
    ~WorkerPool();

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // True when the task was accepted (queued, or run by the caller under CallerRuns).
    bool submit(std::function<void()> task);
    // Idempotent; returns once every accepted task has run and the workers have exited.
    void shutdown();

    PoolStats stats() const;
    int workers() const { return int(m_threads.size()); }

private:
    struct Queued {
        std::function<void()> task;
        std::int64_t enqueuedNs;
    };

    void work();
    void runTask(std::function<void()>& task);

    Options m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<Queued> m_queue;
    bool m_accepting = true;
    std::vector<std::thread> m_threads;
    std::mutex m_shutdownMutex;
    PoolStats m_stats; // under m_mutex
};

} // namespace perfdash
