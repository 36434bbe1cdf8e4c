#pragma once

#include <cstdint>

namespace perfdash {

// The process's resident memory, from /proc/self/statm (Linux). 0 when it cannot be read.
class ProcessMemory {
public:
    static std::uint64_t residentBytes();
};

} // namespace perfdash
