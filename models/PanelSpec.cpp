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
    return dashboard;
}

} // namespace perfdash
