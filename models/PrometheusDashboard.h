#pragma once

#include "PanelSpec.h"

namespace perfdash {

// The seed's five targets as PromQL panels over the embedded demo's raw Prometheus metrics (histograms and
// counters), reading the Prometheus data source `sourceId` at `url`.
DashboardSpec prometheusDashboard(const QString& sourceId, const QUrl& url);

} // namespace perfdash
