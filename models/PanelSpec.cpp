#include "PanelSpec.h"

#include "MetricNames.h"

namespace perfdash {

DashboardSpec defaultDashboard()
{
    constexpr double bytesPerMegabyte = 1024.0 * 1024.0;
    DashboardSpec dashboard;
    dashboard.name = QStringLiteral("Seed performance targets");
    dashboard.panels = {
        { QStringLiteral("API response time p95"), MetricNames::apiP95, QStringLiteral("s"), 1.0,
            { 2.0, 1.6, Direction::LowerIsBetter }, ScorecardReduce::WorstLatest },
        { QStringLiteral("Agent execution time"), MetricNames::agentMean, QStringLiteral("s"), 1.0,
            { 30.0, 24.0, Direction::LowerIsBetter }, ScorecardReduce::WorstLatest },
        { QStringLiteral("Cache hit ratio"), MetricNames::cacheHitRatio, QStringLiteral("%"), 100.0,
            { 60.0, 80.0, Direction::HigherIsBetter }, ScorecardReduce::WorstLatest },
        { QStringLiteral("LLM call latency"), MetricNames::llmMean, QStringLiteral("s"), 1.0,
            { 3.0, 2.4, Direction::LowerIsBetter }, ScorecardReduce::WorstLatest },
        { QStringLiteral("Peak memory"), MetricNames::residentMemory, QStringLiteral("MB"), 1.0 / bytesPerMegabyte,
            { 512.0, 410.0, Direction::LowerIsBetter }, ScorecardReduce::WindowPeak },
    };
    return dashboard;
}

} // namespace perfdash
