#include "LineProtocolParser.h"

#include <cstdint>
#include <cstdlib>

using namespace perfdash;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    constexpr qint64 receivedAtMs = 1'764'160'000'000;
    const ParseResult result = LineProtocolParser::parse(QByteArrayView(data, qsizetype(size)), receivedAtMs);
    if (result.errors.size() > 21)
        std::abort();
    for (const Sample& sample : result.samples) {
        // Names are mapped into the Prometheus charset, labels sorted by name.
        if (sample.metric.isEmpty())
            std::abort();
        for (std::size_t i = 1; i < sample.labels.size(); ++i) {
            if (!(sample.labels[i - 1].first < sample.labels[i].first))
                std::abort();
        }
    }
    return 0;
}
