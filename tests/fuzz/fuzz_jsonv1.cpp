#include "JsonV1Parser.h"
#include "JsonV1Writer.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

using namespace perfdash;

namespace {
bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}
}

// Beyond "no crash": whatever the parser accepts must survive a write/parse round trip unchanged,
// and the error list stays capped however bad the input.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ParseResult first = JsonV1Parser::parse(QByteArrayView(data, qsizetype(size)));
    if (first.errors.size() > 21)
        std::abort();
    for (const Sample& sample : first.samples) {
        if (sample.metric.isEmpty())
            std::abort();
    }
    // An accepted annotation keeps the format's promises: a point or a forward range, a text within the cap,
    // no empty tag, and it says it came from a stream.
    for (const Annotation& annotation : first.annotations) {
        if (annotation.endMs < annotation.timeMs || annotation.text.isEmpty()
            || annotation.text.size() > JsonV1Parser::maxAnnotationTextChars
            || annotation.origin != Annotation::Origin::Stream || annotation.tags.contains(QString()))
            std::abort();
    }
    if (first.samples.empty())
        return 0;
    const ParseResult second = JsonV1Parser::parse(JsonV1Writer::write(first.samples));
    if (second.malformed() || second.samples.size() != first.samples.size())
        std::abort();
    for (std::size_t i = 0; i < first.samples.size(); ++i) {
        const Sample& a = first.samples[i];
        const Sample& b = second.samples[i];
        if (a.metric != b.metric || a.labels != b.labels || a.timestampMs != b.timestampMs
            || !sameValue(a.value, b.value))
            std::abort();
    }
    return 0;
}
