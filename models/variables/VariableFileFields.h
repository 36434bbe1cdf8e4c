#pragma once

#include "JsonObjectReader.h"
#include "PanelSpec.h"

#include <QJsonArray>

namespace perfdash {

// The dashboard file's "variables", read and written beside the other fields by DashboardFile:
//   "variables": [{"name": "job", "label": "Job", "source": "prom", "query": "label_values(up, job)",
//                  "regex": "/(.*)-canary/", "includeAll": true, "allValue": ".*", "current": "api"}]
// Each names one of the dashboard's Prometheus sources, and a label_values() query; names are unique.
// Absent reads as no variables; an empty list writes as an empty array, which DashboardFile leaves out.
QList<DashboardVariable> readVariables(JsonObjectReader& dashboard, const QList<DataSourceSpec>& sources);
QJsonArray writeVariables(const QList<DashboardVariable>& variables);

} // namespace perfdash
