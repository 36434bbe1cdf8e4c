#include "WebSocketFrameCheck.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    if (!perfdash::fuzz::checkWebSocketInput(input).isEmpty())
        std::abort();
    return 0;
}
