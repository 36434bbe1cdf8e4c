#pragma once

#include "PanelSpec.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <optional>

namespace perfdash {

struct GrafanaImportOptions {
    // The Prometheus server the imported panels query; "local:" is the app's own.
    QUrl prometheusUrl = appPrometheusUrl();
    QString sourceId = QStringLiteral("prometheus");
    // A panel's first red threshold step becomes its target (values at or past it are "not met").
    bool targetFromRedStep = true;
};

// One thing the import could not carry over as it was, and what it did instead. `panel` is the Grafana
// panel's title; empty for the dashboard as a whole.
struct GrafanaImportNote {
    QString panel;
    QString message;
};

struct GrafanaImportResult {
    std::optional<DashboardSpec> dashboard; // nullopt when the file is refused; `error` says why and where
    QString error;
    QList<GrafanaImportNote> notes;

    // The notes for a person, grouped by panel: what was imported, and what was not.
    QString report() const;
};

// Reads a Grafana dashboard's JSON (schema version 16 and later; also the {"dashboard": …} wrapper of
// Grafana's HTTP API) into a perfdash dashboard over one Prometheus source:
//  - timeseries, graph, stat, singlestat, gauge and heatmap panels with Prometheus targets become PromQL
//    panels (expr, legendFormat, unit, min interval and max data points), one per visible target;
//  - threshold steps become thresholds, and the first red step the target;
//  - rows and gridPos give the panel order, and the most common panel width the column count;
//  - custom, constant, textbox and interval variables are inlined; label_values() query variables become
//    dashboard variables; Grafana's $__interval, $__rate_interval and $__range stay for the query runner;
//  - Prometheus annotation queries become annotation queries.
// Anything else (other datasources, transformations, overrides, plugins, repeats) is a note, never dropped
// silently.
GrafanaImportResult importGrafanaDashboard(const QByteArray& json, const GrafanaImportOptions& options = {});
// The same from a file; errors start with its path.
GrafanaImportResult importGrafanaDashboardFile(const QString& path, const GrafanaImportOptions& options = {});

} // namespace perfdash
