#pragma once

#include <QtGlobal>
#include <atomic>
#include <mutex>

namespace perfdash {

// Cancel for work that is asked for on one thread and runs, queued, on another: a cancel reaches the
// request running now and every one still waiting, and a fresh request is never cancelled by an old
// cancel. (A flag reset when a run starts would undo a cancel sent while the run was still queued, and a
// window closing during that moment would wait for the whole run.)
class CancelRequests {
public:
    // The asking thread, before posting the request: its ticket.
    quint64 request()
    {
        std::lock_guard lock(m_mutex);
        return ++m_requested;
    }

    // Any thread: cancels the running request and every queued one.
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        m_cancelledThrough = m_requested;
        m_flag.store(true);
    }

    // The running thread, as request `ticket` starts: the flag its work polls, already set when the
    // request was cancelled while it waited.
    const std::atomic<bool>& begin(quint64 ticket)
    {
        std::lock_guard lock(m_mutex);
        m_flag.store(ticket <= m_cancelledThrough);
        return m_flag;
    }

private:
    std::mutex m_mutex;
    quint64 m_requested = 0;
    quint64 m_cancelledThrough = 0;
    std::atomic<bool> m_flag { false };
};

} // namespace perfdash
