#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace perfdash {

// Prometheus scrapes every 15 s unless told otherwise; Grafana assumes the same for $__rate_interval.
constexpr double defaultScrapeIntervalSeconds = 15.0;

// What a panel query's variables stand for when it is sent: the dashboard variables' substitutions and the
// query's range and step, from which Grafana's built-ins are derived.
struct QueryExpansionScope {
    QHash<QString, QString> values; // variable name → substitution (variableSubstitution)
    qint64 rangeMs = 0;
    double stepSeconds = 0;
    double scrapeIntervalSeconds = defaultScrapeIntervalSeconds;
};

// The query with $name, ${name}, ${name:format} and [[name]] replaced, and Grafana's built-ins resolved as
// Grafana resolves them for Prometheus: $__interval (the step), $__interval_ms, $__rate_interval
// (max(step + scrape interval, 4 × scrape interval)), $__range, $__range_s and $__range_ms. Names that are
// neither stay as written ($1 in label_replace is not a variable).
QString expandQuery(const QString& query, const QueryExpansionScope& scope);

// `text` with the given variables replaced and everything else, built-ins included, left as written: a panel
// title with the choices in it ("Latency ($endpoint)"), or an import inlining Grafana's constants.
QString expandVariables(const QString& text, const QHash<QString, QString>& values);

// The dashboard variables a text names (not the built-ins), in order of first use.
QStringList referencedVariables(const QString& text, const QStringList& known);

// A PromQL duration for a number of seconds: "15s", "1500ms"; PromQL takes whole numbers only.
QString promqlDuration(double seconds);

} // namespace perfdash
