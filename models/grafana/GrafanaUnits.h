#pragma once

#include <QString>
#include <optional>

namespace perfdash {

// A Grafana unit id ("s", "bytes", "percentunit") as a perfdash panel shows it: a fixed display unit and the
// factor raw values are multiplied by. Grafana picks a prefix per value; perfdash panels have one unit.
struct ImportedUnit {
    QString unit;
    double displayScale = 1.0;
};

// nullopt for units perfdash has no equivalent of (currencies, dates, custom "suffix:" units).
std::optional<ImportedUnit> importedUnit(const QString& grafanaUnit);

} // namespace perfdash
