#include "PanelSpec.h"

#include "MetricNames.h"

namespace perfdash {

DashboardSpec defaultDashboard()
{
    constexpr double bytesPerMegabyte = 1024.0 * 1024.0;
    const auto streamPanel = [](QString title, QString metric, QString unit, double scale, TargetSpec target,
                                 ScorecardReduce reduce) {
        PanelSpec panel;
        panel.title = std::move(title);
        panel.metric = std::move(metric);
        panel.unit = std::move(unit);
        panel.displayScale = scale;
        panel.target = target;
        panel.reduce = reduce;
        return panel;
    };
    DashboardSpec dashboard;
    dashboard.name = QStringLiteral("Seed performance targets");
    DataSourceSpec demo;
    demo.id = QStringLiteral("demo");
    demo.url = embeddedDemoUrl();
    dashboard.sources = { demo };
    dashboard.panels = {
        streamPanel(QStringLiteral("API response time p95"), MetricNames::apiP95, QStringLiteral("s"), 1.0,
            { 2.0, 1.6, Direction::LowerIsBetter }, ScorecardReduce::WorstLatest),
        streamPanel(QStringLiteral("Agent execution time"), MetricNames::agentMean, QStringLiteral("s"), 1.0,
            { 30.0, 24.0, Direction::LowerIsBetter }, ScorecardReduce::WorstLatest),
        streamPanel(QStringLiteral("Cache hit ratio"), MetricNames::cacheHitRatio, QStringLiteral("%"), 100.0,
            { 60.0, 80.0, Direction::HigherIsBetter }, ScorecardReduce::WorstLatest),
        streamPanel(QStringLiteral("LLM call latency"), MetricNames::llmMean, QStringLiteral("s"), 1.0,
            { 3.0, 2.4, Direction::LowerIsBetter }, ScorecardReduce::WorstLatest),
        streamPanel(QStringLiteral("Peak memory"), MetricNames::residentMemory, QStringLiteral("MB"),
            1.0 / bytesPerMegabyte, { 512.0, 410.0, Direction::LowerIsBetter }, ScorecardReduce::WindowPeak),
    };
    // The distributions behind the API and agent lines: the seed's histograms, as heatmaps with their
    // quantiles. The API target is a p95 (95 % of requests under 1.6 s); the agent's is a typical run's
    // time, so half of the runs must finish under 24 s.
    const auto heatmapPanel = [](QString title, QString histogram, TargetSpec target, double objective) {
        PanelSpec panel;
        panel.title = std::move(title);
        panel.kind = PanelKind::Heatmap;
        panel.metric = std::move(histogram);
        panel.unit = QStringLiteral("s");
        panel.target = target;
        panel.objective = objective;
        return panel;
    };
    dashboard.panels << heatmapPanel(QStringLiteral("API response time distribution"),
        QStringLiteral("http_request_duration_seconds"), { 2.0, 1.6, Direction::LowerIsBetter }, 0.95);
    dashboard.panels << heatmapPanel(QStringLiteral("Agent execution time distribution"),
        QStringLiteral("agent_execution_seconds"), { 30.0, 24.0, Direction::LowerIsBetter }, 0.5);
    return dashboard;
}

} // namespace perfdash
