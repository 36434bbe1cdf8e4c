#pragma once

#include <atomic>

namespace perfdash {

// Ctrl-C and SIGTERM during a long headless run (profile, sweep): while an InterruptRequest lives, the
// signals set a flag the run polls as its cancel flag, so the finished work is kept and written.
class InterruptRequest {
public:
    InterruptRequest();
    ~InterruptRequest();
    InterruptRequest(const InterruptRequest&) = delete;
    InterruptRequest& operator=(const InterruptRequest&) = delete;

    const std::atomic<bool>& flag() const;
};

} // namespace perfdash
