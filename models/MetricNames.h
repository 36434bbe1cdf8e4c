#pragma once

#include <QString>

namespace perfdash::MetricNames {

// Series the demo streams and the default dashboard draws. The derived ones follow Prometheus's
// recording-rule naming (metric:operation), so they read the same as rules a team would write.
inline const QString apiP95 = QStringLiteral("http_request_duration_seconds:p95");
inline const QString agentMean = QStringLiteral("agent_execution_seconds:mean");
inline const QString cacheHitRatio = QStringLiteral("cache_hit_ratio");
inline const QString llmMean = QStringLiteral("llm_request_duration_seconds:mean");
inline const QString residentMemory = QStringLiteral("process_resident_memory_bytes");

} // namespace perfdash::MetricNames
