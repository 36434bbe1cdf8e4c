#pragma once

#include "DataSourceSpec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

namespace perfdash {

class GuiSession;
struct DashboardSpec;

struct ResolvedSources {
    // The dashboard's sources, "local:" ones replaced by the session's own Prometheus.
    QList<DataSourceSpec> sources;
    // Source id → why its panels cannot be answered ("still starting after 60 s (--wait)", "… failed: …").
    QHash<QString, QString> failures;
};

// For headless commands: waits (within budgetMs of clock) for the session's own Prometheus to start when
// the dashboard names "local:", then resolves it as the GUI does.
ResolvedSources resolveLocalSources(
    GuiSession& session, const DashboardSpec& dashboard, const QElapsedTimer& clock, qint64 budgetMs);

} // namespace perfdash
