#include "FakePrometheusServer.h"

#include <QDateTime>

FakePrometheusServer::FakePrometheusServer()
    : ScriptedHttpServer(&FakePrometheusServer::answer)
{
}

ScriptedHttpServer::Response FakePrometheusServer::answer(const Request& request)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray& target = request.target;
    if (target.contains("rate%28up%5B") || target.contains("rate(up%5B")) {
        return { 400,
            R"({"status":"error","errorType":"bad_data","error":"1:9: parse error: )"
            R"(unexpected end of input in duration"})" };
    }
    if (target.contains("/api/v1/label/__name__/values")) {
        return { 200,
            R"({"status":"success","data":["cache_requests_total",)"
            R"("http_request_duration_seconds_bucket","http_requests_total"]})" };
    }
    if (target.contains("/api/v1/labels"))
        return { 200, R"({"status":"success","data":["__name__","endpoint","le"]})" };
    if (target.contains("/api/v1/label/endpoint/values"))
        return { 200, R"({"status":"success","data":["/a","/b"]})" };
    if (target.contains("/api/v1/query_range")) {
        return { 200,
            R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"endpoint":"/a"},"values":[[)"
                + QByteArray::number(now - 30) + R"(,"1.5"],[)" + QByteArray::number(now - 15) + R"(,"1.25"]]}]}})" };
    }
    return { 200,
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"endpoint":"/a"},"value":[)"
            + QByteArray::number(now) + R"(,"1.25"]}]}})" };
}
