#pragma once

#include "PrometheusClient.h"

#include <QObject>
#include <QTest>
#include <functional>
#include <optional>

namespace perfdash {

// Runs one PrometheusClient call and waits for its answer (15 s), as a test reads a request: call gets the
// client, a context object for the answer and the callback to hand on. No answer in time is a RequestFailed.
inline PrometheusResponse awaitAnswer(
    PrometheusClient& client, const std::function<void(PrometheusClient&, QObject*, PrometheusClient::Callback)>& call)
{
    QObject context;
    std::optional<PrometheusResponse> answer;
    call(client, &context, [&answer](const PrometheusResponse& response) { answer = response; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000)) {
        PrometheusResponse timeout;
        timeout.kind = PrometheusResponse::Kind::RequestFailed;
        timeout.error = QStringLiteral("test: no answer within 15 s");
        return timeout;
    }
    return *answer;
}

} // namespace perfdash
