#include "GrafanaUnits.h"

#include <QHash>

namespace perfdash {

std::optional<ImportedUnit> importedUnit(const QString& grafanaUnit)
{
    constexpr double mebi = 1024.0 * 1024.0;
    static const QHash<QString, ImportedUnit> units = {
        { QString(), {} },
        { QStringLiteral("none"), {} },
        { QStringLiteral("short"), {} },
        { QStringLiteral("s"), { QStringLiteral("s"), 1.0 } },
        { QStringLiteral("ms"), { QStringLiteral("ms"), 1.0 } },
        { QStringLiteral("µs"), { QStringLiteral("µs"), 1.0 } },
        { QStringLiteral("us"), { QStringLiteral("µs"), 1.0 } },
        { QStringLiteral("ns"), { QStringLiteral("ns"), 1.0 } },
        { QStringLiteral("m"), { QStringLiteral("min"), 1.0 } },
        { QStringLiteral("h"), { QStringLiteral("h"), 1.0 } },
        { QStringLiteral("dtdurations"), { QStringLiteral("s"), 1.0 } },
        { QStringLiteral("percent"), { QStringLiteral("%"), 1.0 } },
        { QStringLiteral("percentunit"), { QStringLiteral("%"), 100.0 } },
        { QStringLiteral("bytes"), { QStringLiteral("MiB"), 1.0 / mebi } },
        { QStringLiteral("decbytes"), { QStringLiteral("MB"), 1e-6 } },
        { QStringLiteral("kbytes"), { QStringLiteral("MiB"), 1.0 / 1024.0 } },
        { QStringLiteral("mbytes"), { QStringLiteral("MiB"), 1.0 } },
        { QStringLiteral("bits"), { QStringLiteral("Mbit"), 1e-6 } },
        { QStringLiteral("Bps"), { QStringLiteral("MB/s"), 1e-6 } },
        { QStringLiteral("binBps"), { QStringLiteral("MiB/s"), 1.0 / mebi } },
        { QStringLiteral("bps"), { QStringLiteral("Mbit/s"), 1e-6 } },
        { QStringLiteral("binbps"), { QStringLiteral("Mibit/s"), 1.0 / mebi } },
        { QStringLiteral("reqps"), { QStringLiteral("req/s"), 1.0 } },
        { QStringLiteral("rps"), { QStringLiteral("req/s"), 1.0 } },
        { QStringLiteral("ops"), { QStringLiteral("ops/s"), 1.0 } },
        { QStringLiteral("opm"), { QStringLiteral("ops/min"), 1.0 } },
        { QStringLiteral("iops"), { QStringLiteral("io/s"), 1.0 } },
        { QStringLiteral("pps"), { QStringLiteral("packets/s"), 1.0 } },
        { QStringLiteral("cps"), { QStringLiteral("/s"), 1.0 } },
        { QStringLiteral("hertz"), { QStringLiteral("Hz"), 1.0 } },
        { QStringLiteral("celsius"), { QStringLiteral("°C"), 1.0 } },
    };
    if (const auto it = units.constFind(grafanaUnit); it != units.cend())
        return *it;
    return std::nullopt;
}

} // namespace perfdash
