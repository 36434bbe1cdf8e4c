#pragma once

#include <cstdint>

namespace perfdash {

struct LimiterStats {
    std::uint64_t admittedRequests = 0;
    std::uint64_t admittedTokens = 0;
    std::uint64_t rejectedRequests = 0;
};

} // namespace perfdash
