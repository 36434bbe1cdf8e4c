#pragma once

#include "Annotation.h"
#include "DashboardVariable.h"
#include "DataSourceSpec.h"
#include "Target.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace perfdash {

// How a panel turns its series into the one number on its scorecard.
enum class ScorecardReduce {
    // The latest value of the series furthest from the target (a panel is only as good as its worst series).
    WorstLatest,
    // The highest value seen in the visible window: "peak memory".
    WindowPeak,
};

// A level drawn across a panel's chart as a dashed line, like Grafana's threshold steps.
struct PanelThreshold {
    double value = 0; // display units, like the target
    QString label; // optional: "warning", "critical"
    QString color; // optional "#rrggbb"; empty = the chart's default threshold color

    bool operator==(const PanelThreshold&) const = default;
};

// What a panel draws: lines over time, or a histogram's buckets over time as a heatmap.
enum class PanelKind { TimeSeries, Heatmap };

// The scale of a heatmap's bucket axis. Latency buckets grow geometrically, so log is the default.
enum class BucketScale { Log, Linear };

struct PanelSpec {
    QString title;
    PanelKind kind = PanelKind::TimeSeries;
    // Stream panels: every stored series with this metric name is drawn in the panel.
    QString metric;
    // Display unit; raw values are multiplied by displayScale before they are shown.
    QString unit;
    double displayScale = 1.0;
    // Target and baseline are in display units (410 MB, 80 %), as engineers write them.
    TargetSpec target;
    // Extra reference levels in display units, in file order.
    QList<PanelThreshold> thresholds;
    ScorecardReduce reduce = ScorecardReduce::WorstLatest;
    // The chart draws at most this many series: the worst by the scorecard's reduction (see
    // SeriesSelection). The scorecard, the Targets table and CSV exports still use every series.
    int maxSeries = defaultMaxSeries;
    static constexpr int defaultMaxSeries = 30;
    static constexpr int maxSeriesLimit = 500;
    // Id of a DashboardSpec::sources entry; empty means the dashboard's live stream.
    QString sourceId;
    // Prometheus panels: the PromQL expression (range query for the chart, instant for the scorecard).
    QString query;
    // Optional legend template, Prometheus style: "{{endpoint}}"; empty = the label values.
    QString legendFormat;
    // Prometheus range-query step override in seconds; 0 = automatic (about one point per pixel).
    double stepSeconds = 0;
    // Grafana's "min interval": the automatic step never goes below this; 0 = no floor.
    double minStepSeconds = 0;
    // Grafana's "max data points": the automatic step gives at most this many points; 0 = one per pixel column.
    int maxDataPoints = 0;
    // Heatmap panels. A stream heatmap's metric is the histogram's name: it draws the store's
    // <metric>_bucket counters. A PromQL heatmap's query returns classic bucket rates by `le`
    // (sum by (le) (rate(x_bucket[1m]))) or native histograms (rate(x[1m])).
    BucketScale bucketScale = BucketScale::Log;
    // The share of observations that must fall under the target: 0.95 reads "p95 < target". The scorecard
    // shows the share under the target against it; the quantile at this level is the panel's value.
    double objective = 0.95;
    // Fields of a dashboard file this version does not know, written back unchanged on save.
    QJsonObject unknownFields;

    bool isHeatmap() const { return kind == PanelKind::Heatmap; }
    // The metric whose series a stream panel reads from the store: a heatmap's are its bucket counters.
    QString storedMetric() const { return isHeatmap() ? metric + QStringLiteral("_bucket") : metric; }

    bool operator==(const PanelSpec&) const = default;
};

// A PromQL query whose answer marks the time axis, as Grafana's annotation queries do: each run of
// consecutive steps where a series is non-zero becomes one annotation at the run's first step.
struct AnnotationQuerySpec {
    QString sourceId; // a Prometheus data source of the dashboard
    QString expr; // e.g. changes(process_start_time_seconds[1m]) > 0
    QString text; // the annotation's text; {{label}} takes a label's value from the series
    QStringList tags;
    // Fields of the dashboard file this version does not know, written back unchanged on save. Brace-initialised
    // so that aggregate initialisations leaving it out stay warning-free.
    QJsonObject unknownFields {};

    bool operator==(const AnnotationQuerySpec&) const = default;
};

struct DashboardSpec {
    QString name;
    QList<DataSourceSpec> sources;
    QList<PanelSpec> panels;
    int gridColumns = 3;
    qint64 timeRangeMs = 60'000;
    int refreshIntervalMs = 0; // Prometheus auto-refresh; 0 = off
    // The user's notes (Origin::User), saved in the file's "annotations".
    QList<Annotation> annotations;
    QList<AnnotationQuerySpec> annotationQueries;
    // Choices the panels' queries name as $name, shown as dropdowns on the toolbar.
    QList<DashboardVariable> variables;
    // Fields of a dashboard file this version does not know, written back unchanged on save.
    QJsonObject unknownFields;

    bool operator==(const DashboardSpec&) const = default;
};

// The seed team's five targets (API p95, agent execution, cache hit ratio, LLM latency, peak memory)
// over the metrics the embedded demo streams.
DashboardSpec defaultDashboard();

} // namespace perfdash
