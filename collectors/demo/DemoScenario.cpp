#include "DemoScenario.h"

namespace perfdash {

std::optional<DemoScenario> parseDemoScenario(const QString& name)
{
    if (name == u"baseline")
        return DemoScenario::Baseline;
    if (name == u"optimized")
        return DemoScenario::Optimized;
    return std::nullopt;
}

QString demoScenarioName(DemoScenario scenario)
{
    return scenario == DemoScenario::Baseline ? QStringLiteral("baseline") : QStringLiteral("optimized");
}

} // namespace perfdash
