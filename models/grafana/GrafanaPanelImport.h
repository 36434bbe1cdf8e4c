#pragma once

#include "GrafanaImport.h"

#include <QHash>
#include <QJsonObject>

namespace perfdash {

// What the dashboard around a Grafana panel says about it, gathered once by importGrafanaDashboard.
struct GrafanaImportContext {
    GrafanaImportOptions options;
    // Variables inlined into queries and titles (custom, constant, textbox, interval): name → value.
    QHash<QString, QString> inlined;
    // Datasource variables and __inputs: name → plugin id ("prometheus").
    QHash<QString, QString> datasourcePlugins;
};

// The plugin id a Grafana "datasource" field points at: "prometheus", "loki", "grafana" (its built-in
// annotations), "mixed", or "" for the dashboard's default, which an import over Prometheus takes as Prometheus.
// A datasource given only by a name perfdash cannot resolve is "?name".
QString grafanaDatasourcePlugin(const QJsonValue& datasource, const GrafanaImportContext& context);

// `text` with the inlined variables replaced.
QString inlineGrafanaVariables(const QString& text, const GrafanaImportContext& context);

// One Grafana panel (not a row) as perfdash panels: none when it cannot be mapped, one per visible
// Prometheus target otherwise. What is left out or changed goes to `notes` under the panel's title.
QList<PanelSpec> importGrafanaPanel(
    const QJsonObject& panel, const GrafanaImportContext& context, QList<GrafanaImportNote>& notes);

} // namespace perfdash
