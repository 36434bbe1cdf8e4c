#include "InterruptRequest.h"

#include <csignal>

namespace perfdash {

namespace {
    std::atomic<bool> interrupted { false };
    static_assert(std::atomic<bool>::is_always_lock_free, "stored from a signal handler");

    void requestCancel(int) { interrupted.store(true); }
}

InterruptRequest::InterruptRequest()
{
    interrupted.store(false);
    std::signal(SIGINT, requestCancel);
    std::signal(SIGTERM, requestCancel);
}

InterruptRequest::~InterruptRequest()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>& InterruptRequest::flag() const { return interrupted; }

} // namespace perfdash
