#include "PrometheusDashboard.h"

namespace perfdash {

DashboardSpec prometheusDashboard(const QString& sourceId, const QUrl& url)
{
    constexpr double bytesPerMegabyte = 1024.0 * 1024.0;
    const auto panel = [&](QString title, QString query, QString legend, QString unit, double scale, TargetSpec target,
                           ScorecardReduce reduce) {
        PanelSpec spec;
        spec.title = std::move(title);
        spec.sourceId = sourceId;
        spec.query = std::move(query);
        spec.legendFormat = std::move(legend);
        spec.unit = std::move(unit);
        spec.displayScale = scale;
        spec.target = target;
        spec.reduce = reduce;
        return spec;
    };
    DashboardSpec dashboard;
    dashboard.name = QStringLiteral("Seed performance targets (PromQL)");
    DataSourceSpec source;
    source.id = sourceId;
    source.kind = DataSourceKind::Prometheus;
    source.url = url;
    source.queryTimeoutMs = 10'000;
    dashboard.sources = { source };
    dashboard.refreshIntervalMs = 5'000;
    dashboard.timeRangeMs = 5 * 60'000;
    dashboard.panels = {
        panel(QStringLiteral("API response time p95"),
            QStringLiteral(
                "histogram_quantile(0.95, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket[1m])))"),
            QStringLiteral("{{endpoint}}"), QStringLiteral("s"), 1.0, { 2.0, 1.6, Direction::LowerIsBetter },
            ScorecardReduce::WorstLatest),
        panel(QStringLiteral("Agent execution time"),
            QStringLiteral("sum by (agent_name) (rate(agent_execution_seconds_sum[1m])) / sum by (agent_name) "
                           "(rate(agent_execution_seconds_count[1m]))"),
            QStringLiteral("{{agent_name}}"), QStringLiteral("s"), 1.0, { 30.0, 24.0, Direction::LowerIsBetter },
            ScorecardReduce::WorstLatest),
        panel(QStringLiteral("Cache hit ratio"),
            QStringLiteral("sum by (cache_name) (rate(cache_requests_total{result=\"hit\"}[1m])) / sum by (cache_name) "
                           "(rate(cache_requests_total[1m]))"),
            QStringLiteral("{{cache_name}}"), QStringLiteral("%"), 100.0, { 60.0, 80.0, Direction::HigherIsBetter },
            ScorecardReduce::WorstLatest),
        panel(QStringLiteral("LLM call latency"),
            QStringLiteral("sum by (model) (rate(llm_request_duration_seconds_sum[1m])) / sum by (model) "
                           "(rate(llm_request_duration_seconds_count[1m]))"),
            QStringLiteral("{{model}}"), QStringLiteral("s"), 1.0, { 3.0, 2.4, Direction::LowerIsBetter },
            ScorecardReduce::WorstLatest),
        panel(QStringLiteral("Peak memory"), QStringLiteral("max_over_time(process_resident_memory_bytes[5m])"),
            QStringLiteral("peak (5 m)"), QStringLiteral("MB"), 1.0 / bytesPerMegabyte,
            { 512.0, 410.0, Direction::LowerIsBetter }, ScorecardReduce::WindowPeak),
    };
    return dashboard;
}

} // namespace perfdash
