#pragma once

#include "ScriptedHttpServer.h"

// A minimal Prometheus HTTP API on loopback, listening from construction. Every query_range answers one series
// "/a" (endpoint label) with two points, 30 s and 15 s ago (1.5 and 1.25); every instant query answers 1.25; a
// query with an unclosed range, "rate(up[", is refused as Prometheus refuses it (400, bad_data). Autocomplete
// lists: metrics cache_requests_total, http_request_duration_seconds_bucket and http_requests_total; labels
// __name__, endpoint, le; endpoint values /a, /b. Create it on the thread that is to serve.
class FakePrometheusServer : public ScriptedHttpServer {
public:
    FakePrometheusServer();

    static Response answer(const Request& request);
};
