#include "ProcessMemory.h"

#include <cstdio>
#include <unistd.h>

namespace perfdash {

std::uint64_t ProcessMemory::residentBytes()
{
    std::FILE* statm = std::fopen("/proc/self/statm", "r");
    if (!statm)
        return 0;
    unsigned long long size = 0;
    unsigned long long resident = 0;
    const int read = std::fscanf(statm, "%llu %llu", &size, &resident);
    std::fclose(statm);
    if (read != 2)
        return 0;
    return std::uint64_t(resident) * std::uint64_t(sysconf(_SC_PAGESIZE));
}

} // namespace perfdash
