#pragma once

#include <QString>

#include <optional>

namespace perfdash {

// The two states of the seed team's system: as it is today ("current" column of the seed's table),
// and after the 20 % improvement it is working towards.
enum class DemoScenario { Baseline, Optimized };

std::optional<DemoScenario> parseDemoScenario(const QString& name);
QString demoScenarioName(DemoScenario scenario);

} // namespace perfdash
