#pragma once

#include "NanoClock.h"
#include "RetryPolicy.h"
#include "RetryStats.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace perfdash {

// Runs an operation until it succeeds, backing off between attempts under a RetryPolicy. Thread-safe:
// each run() has its own backoff state; the statistics are shared.
class Retry {
public:
    // An attempt's outcome: nullopt for success, otherwise the error.
    using Operation = std::function<std::optional<std::string>(int attempt)>;
    // Whether an error is worth another attempt; an empty predicate retries every error.
    using Retryable = std::function<bool(const std::string& error)>;

    struct Outcome {
        bool succeeded = false;
        int attempts = 0;
        std::chrono::nanoseconds waited { 0 };
        // Why it stopped without success.
        enum class Stop { None, OutOfAttempts, Deadline, NotRetryable } stop = Stop::None;
        std::string lastError;
    };

    Retry(RetryPolicy policy, NanoClock clock = {}, std::function<void(std::chrono::nanoseconds)> sleep = {});

    Outcome run(const Operation& operation, const Retryable& retryable = {}, std::uint64_t seed = 0);

    RetryStats stats() const;
    const RetryPolicy& policy() const { return m_policy; }

private:
    RetryPolicy m_policy;
    NanoClock m_clock;
    std::function<void(std::chrono::nanoseconds)> m_sleep;
    std::atomic<std::uint64_t> m_calls { 0 };
    std::atomic<std::uint64_t> m_attempts { 0 };
    std::atomic<std::uint64_t> m_succeeded { 0 };
    std::atomic<std::uint64_t> m_gaveUp { 0 };
    std::atomic<std::uint64_t> m_waitedNs { 0 };
};

} // namespace perfdash
