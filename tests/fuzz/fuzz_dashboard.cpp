#include "DashboardFile.h"

#include <cstdint>
#include <cstdlib>

using namespace perfdash;

// Beyond "no crash": a refusal names its reason, and whatever loads is written so that it loads again and
// writes back byte for byte (the save path must never turn a good dashboard into one that cannot be opened).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const DashboardLoadResult first
        = DashboardFile::load(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!first.dashboard) {
        if (first.error.isEmpty())
            std::abort();
        return 0;
    }
    const QByteArray written = DashboardFile::toJson(*first.dashboard);
    const DashboardLoadResult second = DashboardFile::load(written);
    if (!second.dashboard || DashboardFile::toJson(*second.dashboard) != written)
        std::abort();
    return 0;
}
