#include "PrometheusResponseParser.h"

#include <cstdint>
#include <cstdlib>

using namespace perfdash;

namespace {
// A parser never claims a network failure, and every refusal says what was wrong.
void check(const PrometheusResponse& response)
{
    if (response.kind == PrometheusResponse::Kind::RequestFailed)
        std::abort();
    if (!response.ok() && response.message().isEmpty())
        std::abort();
    if (response.kind == PrometheusResponse::Kind::Malformed && response.error.isEmpty())
        std::abort();
}
}

// The same bytes through every endpoint's parser: a hostile server chooses the body, not the endpoint.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView body(data, qsizetype(size));
    const PrometheusResponse query = PrometheusResponseParser::parseQueryResponse(body);
    check(query);
    if (query.ok()) {
        const QueryResultType type = query.result.type;
        // A scalar or string answer is exactly one series of one point; a vector has one sample per series.
        if ((type == QueryResultType::Scalar || type == QueryResultType::String)
            && (query.result.series.size() != 1 || query.result.series[0].points.size() != 1))
            std::abort();
        if (type == QueryResultType::Vector) {
            for (const QuerySeries& series : query.result.series) {
                if (series.points.size() + series.histograms.size() != 1) // a float or a histogram
                    std::abort();
            }
        }
        for (const QuerySeries& series : query.result.series) {
            for (const NativeHistogramSample& sample : series.histograms) {
                for (const NativeHistogramBucket& bucket : sample.buckets) {
                    if (bucket.boundaryRule < 0 || bucket.boundaryRule > 3 || !(bucket.lower <= bucket.upper))
                        std::abort();
                }
            }
        }
    }
    check(PrometheusResponseParser::parseStringList(body));
    check(PrometheusResponseParser::parseSeries(body));
    check(PrometheusResponseParser::parseBuildInfo(body));
    return 0;
}
