#include "DashboardFile.h"

#include "AnnotationFileFields.h"
#include "CanonicalJson.h"
#include "DataSourceValidation.h"
#include "Duration.h"
#include "JsonObjectReader.h"
#include "QueryTimeSettings.h"
#include "VariableFileFields.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <cmath>

namespace perfdash {

namespace {
    // Larger files are not dashboards; refusing them early keeps a wrong pick in "Open…" harmless.
    constexpr qint64 maxFileBytes = 16 * 1024 * 1024;
    constexpr int maxGridColumns = 6;

    const QList<std::pair<const char*, DataSourceKind>> sourceKinds
        = { { "stream", DataSourceKind::Stream }, { "prometheus", DataSourceKind::Prometheus } };
    const QList<std::pair<const char*, DataSourceAuth>> authKinds = { { "none", DataSourceAuth::None },
        { "basic", DataSourceAuth::Basic }, { "bearer", DataSourceAuth::Bearer } };
    const QList<std::pair<const char*, Direction>> directions
        = { { "lower-is-better", Direction::LowerIsBetter }, { "higher-is-better", Direction::HigherIsBetter } };
    const QList<std::pair<const char*, ScorecardReduce>> scorecards
        = { { "latest", ScorecardReduce::WorstLatest }, { "peak", ScorecardReduce::WindowPeak } };
    const QList<std::pair<const char*, PanelKind>> panelKinds
        = { { "timeseries", PanelKind::TimeSeries }, { "heatmap", PanelKind::Heatmap } };
    const QList<std::pair<const char*, BucketScale>> bucketScales
        = { { "log", BucketScale::Log }, { "linear", BucketScale::Linear } };

    template <typename Enum> QString nameOf(const QList<std::pair<const char*, Enum>>& choices, Enum value)
    {
        for (const auto& [name, choiceValue] : choices) {
            if (choiceValue == value)
                return QLatin1String(name);
        }
        return {};
    }

    // Keys a careless hand might put a secret under; the file must hold references only.
    const char* const secretKeys[] = { "password", "token", "bearerToken", "secret", "apiKey", "api_key" };

    DataSourceSpec readSource(const QJsonValue& value, const QString& path)
    {
        if (!value.isObject())
            failJson(path, QStringLiteral("expected an object"));
        JsonObjectReader reader(value.toObject(), path);
        for (const char* key : secretKeys) {
            if (reader.has(QLatin1String(key)))
                failJson(reader.path(QLatin1String(key)),
                    QStringLiteral("secrets are never stored in dashboard files; use \"secretRef\": \"env:NAME\" or "
                                   "\"keychain:SERVICE/ACCOUNT\""));
        }
        DataSourceSpec source;
        source.id = reader.nonEmptyString(QStringLiteral("id"));
        static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_.-]+$"));
        if (!idPattern.match(source.id).hasMatch())
            failJson(reader.path(QStringLiteral("id")), QStringLiteral("use letters, digits, '_', '.' and '-' only"));
        source.kind = reader.choice(QStringLiteral("kind"), sourceKinds, std::nullopt);

        const QString urlText = reader.nonEmptyString(QStringLiteral("url"));
        source.url = QUrl(urlText, QUrl::StrictMode);
        if (const QString problem = urlProblem(source.kind, source.url, urlText, UrlPlaceholders::Allowed);
            !problem.isEmpty())
            failJson(reader.path(QStringLiteral("url")), problem);

        source.auth = reader.choice(QStringLiteral("auth"), authKinds, std::optional(DataSourceAuth::None));
        source.username = reader.string(QStringLiteral("username"), false);
        source.secretRef = reader.string(QStringLiteral("secretRef"), false);
        if (const DataSourceProblem problem = authProblem(source); !problem.field.isEmpty())
            failJson(reader.path(problem.field), problem.reason);
        source.caFile = reader.string(QStringLiteral("caFile"), false);
        source.skipTlsVerify = reader.boolean(QStringLiteral("skipTlsVerify"), false);
        source.queryTimeoutMs = int(reader.duration(QStringLiteral("queryTimeout"), source.queryTimeoutMs));
        source.unknownFields = reader.rest();
        return source;
    }

    QList<PanelThreshold> readThresholds(JsonObjectReader& panelReader)
    {
        const QString key = QStringLiteral("thresholds");
        if (!panelReader.has(key))
            return {};
        const QString path = panelReader.path(key);
        const QJsonValue value = panelReader.take(key);
        if (!value.isArray())
            failJson(path, QStringLiteral("expected a list like [{\"value\": 1.8, \"label\": \"warning\"}]"));
        static const QRegularExpression colorPattern(QStringLiteral("^#[0-9a-fA-F]{6}$"));
        QList<PanelThreshold> thresholds;
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i) {
            const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
            if (!array.at(i).isObject())
                failJson(itemPath, QStringLiteral("expected an object with a \"value\""));
            JsonObjectReader item(array.at(i).toObject(), itemPath);
            PanelThreshold threshold;
            threshold.value = item.number(QStringLiteral("value"), true);
            threshold.label = item.string(QStringLiteral("label"), false).trimmed();
            threshold.color = item.string(QStringLiteral("color"), false).trimmed();
            if (!threshold.color.isEmpty() && !colorPattern.match(threshold.color).hasMatch())
                failJson(item.path(QStringLiteral("color")), QStringLiteral("expected a color like \"#e6a100\""));
            if (!item.rest().isEmpty())
                failJson(item.path(item.rest().keys().constFirst()),
                    QStringLiteral("unknown threshold field (expected \"value\", \"label\" or \"color\")"));
            thresholds.append(threshold);
        }
        return thresholds;
    }

    PanelSpec readPanel(const QJsonValue& value, const QString& path, const QList<DataSourceSpec>& sources)
    {
        if (!value.isObject())
            failJson(path, QStringLiteral("expected an object"));
        JsonObjectReader reader(value.toObject(), path);
        PanelSpec panel;
        panel.title = reader.nonEmptyString(QStringLiteral("title"));
        panel.kind = reader.choice(QStringLiteral("kind"), panelKinds, std::optional(PanelKind::TimeSeries));
        panel.sourceId = reader.string(QStringLiteral("source"), false);
        const DataSourceSpec* source = nullptr;
        for (const DataSourceSpec& candidate : sources) {
            if (candidate.id == panel.sourceId)
                source = &candidate;
        }
        if (!panel.sourceId.isEmpty() && !source)
            failJson(reader.path(QStringLiteral("source")),
                QStringLiteral("no data source with id \"%1\" in \"sources\"").arg(panel.sourceId));
        panel.metric = reader.string(QStringLiteral("metric"), false).trimmed();
        panel.query = reader.string(QStringLiteral("query"), false).trimmed();
        panel.legendFormat = reader.string(QStringLiteral("legendFormat"), false);
        panel.stepSeconds = reader.number(QStringLiteral("stepSeconds"), false, 0.0);
        if (panel.stepSeconds < 0)
            failJson(reader.path(QStringLiteral("stepSeconds")), QStringLiteral("must be 0 (automatic) or more"));
        panel.minStepSeconds = double(reader.duration(QStringLiteral("minStep"), 0)) / 1000.0;
        const double maxDataPoints = reader.number(QStringLiteral("maxDataPoints"), false, 0);
        if (maxDataPoints != std::floor(maxDataPoints) || maxDataPoints < 0 || maxDataPoints > maxPointsPerSeries)
            failJson(reader.path(QStringLiteral("maxDataPoints")),
                QStringLiteral("expected a whole number of points from 1 to %1, or 0 (one per pixel column)")
                    .arg(maxPointsPerSeries));
        panel.maxDataPoints = int(maxDataPoints);
        const bool prometheus = source && source->kind == DataSourceKind::Prometheus;
        if (prometheus && panel.query.isEmpty())
            failJson(reader.path(QStringLiteral("query")),
                QStringLiteral("missing (source \"%1\" is a Prometheus server: give a PromQL query)")
                    .arg(panel.sourceId));
        if (!prometheus && panel.metric.isEmpty())
            failJson(
                reader.path(QStringLiteral("metric")), QStringLiteral("missing (a stream panel draws a metric name)"));

        panel.unit = reader.string(QStringLiteral("unit"), false);
        panel.displayScale = reader.number(QStringLiteral("scale"), false, 1.0);
        if (panel.displayScale == 0.0)
            failJson(reader.path(QStringLiteral("scale")), QStringLiteral("must not be 0"));
        // null: none set yet (a panel imported from Grafana without a red threshold step has no target).
        const auto optionalNumber = [&reader](const QString& key) {
            if (reader.has(key) && reader.rest().value(key).isNull()) {
                reader.take(key);
                return std::nan("");
            }
            return reader.number(key, true);
        };
        panel.target.target = optionalNumber(QStringLiteral("target"));
        panel.target.baseline = optionalNumber(QStringLiteral("baseline"));
        panel.target.direction = reader.choice(QStringLiteral("direction"), directions, std::nullopt);
        panel.thresholds = readThresholds(reader);
        panel.reduce
            = reader.choice(QStringLiteral("scorecard"), scorecards, std::optional(ScorecardReduce::WorstLatest));
        const double maxSeries = reader.number(QStringLiteral("maxSeries"), false, PanelSpec::defaultMaxSeries);
        if (maxSeries != std::floor(maxSeries) || maxSeries < 1 || maxSeries > PanelSpec::maxSeriesLimit)
            failJson(reader.path(QStringLiteral("maxSeries")),
                QStringLiteral("expected a whole number of series to draw, from 1 to %1")
                    .arg(PanelSpec::maxSeriesLimit));
        panel.maxSeries = int(maxSeries);
        if (panel.isHeatmap()) {
            panel.bucketScale
                = reader.choice(QStringLiteral("bucketScale"), bucketScales, std::optional(BucketScale::Log));
            panel.objective = reader.number(QStringLiteral("objective"), false, 0.95);
            if (!(panel.objective > 0 && panel.objective < 1))
                failJson(reader.path(QStringLiteral("objective")),
                    QStringLiteral("expected the share that must fall under the target, between 0 and 1 (0.95)"));
            if (panel.metric.endsWith(QStringLiteral("_bucket")))
                failJson(reader.path(QStringLiteral("metric")),
                    QStringLiteral("give the histogram's name without \"_bucket\" (\"%1\")")
                        .arg(panel.metric.chopped(7)));
        }
        panel.unknownFields = reader.rest();
        return panel;
    }

    DashboardSpec readDashboard(const QJsonObject& root)
    {
        JsonObjectReader reader(root, QString());
        const QString versionKey = QStringLiteral("perfdash_dashboard");
        if (!reader.has(versionKey))
            failJson(versionKey, QStringLiteral("missing: this is not a perfdash dashboard file"));
        const QJsonValue version = reader.take(versionKey);
        const double versionNumber = version.toDouble(-1);
        if (!version.isDouble() || versionNumber != std::floor(versionNumber) || versionNumber < 1)
            failJson(versionKey, QStringLiteral("expected a format version number (1)"));
        if (versionNumber > DashboardFile::formatVersion)
            failJson(versionKey,
                QStringLiteral("the file is format version %1, newer than this perfdash %2 reads (%3); update perfdash "
                               "to open it")
                    .arg(QString::number(versionNumber, 'g', 10)) // no integer cast: 1e300 is a double
                    .arg(QStringLiteral(PERFDASH_VERSION))
                    .arg(DashboardFile::formatVersion));

        DashboardSpec dashboard;
        dashboard.name = reader.nonEmptyString(QStringLiteral("name"));
        dashboard.timeRangeMs = reader.duration(QStringLiteral("timeRange"), dashboard.timeRangeMs);
        if (reader.has(QStringLiteral("refresh"))
            && reader.rest().value(QStringLiteral("refresh")) == QJsonValue(QStringLiteral("off"))) {
            reader.take(QStringLiteral("refresh"));
            dashboard.refreshIntervalMs = 0;
        } else {
            // An int of milliseconds: a day is more than any refresh needs, and "969d" must not wrap around.
            constexpr qint64 longestRefreshMs = 24 * 3600 * 1000;
            const qint64 refreshMs = reader.duration(QStringLiteral("refresh"), 0);
            if (refreshMs > longestRefreshMs)
                failJson(QStringLiteral("refresh"), QStringLiteral("expected at most 24h, or \"off\""));
            dashboard.refreshIntervalMs = int(refreshMs);
        }

        if (reader.has(QStringLiteral("layout"))) {
            const QJsonValue layout = reader.take(QStringLiteral("layout"));
            if (!layout.isObject())
                failJson(QStringLiteral("layout"), QStringLiteral("expected an object"));
            JsonObjectReader layoutReader(layout.toObject(), QStringLiteral("layout"));
            const double columns = layoutReader.number(QStringLiteral("columns"), false, dashboard.gridColumns);
            if (columns != std::floor(columns) || columns < 1 || columns > maxGridColumns)
                failJson(layoutReader.path(QStringLiteral("columns")),
                    QStringLiteral("expected a whole number from 1 to %1").arg(maxGridColumns));
            dashboard.gridColumns = int(columns);
            // Unknown layout fields are kept beside the known ones, in the dashboard's unknown fields.
            if (!layoutReader.rest().isEmpty())
                dashboard.unknownFields.insert(QStringLiteral("layout"), layoutReader.rest());
        }

        if (reader.has(QStringLiteral("sources"))) {
            const QJsonValue sources = reader.take(QStringLiteral("sources"));
            if (!sources.isArray())
                failJson(QStringLiteral("sources"), QStringLiteral("expected an array"));
            QSet<QString> ids;
            const QJsonArray array = sources.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QString path = QStringLiteral("sources[%1]").arg(i);
                DataSourceSpec source = readSource(array[i], path);
                if (ids.contains(source.id))
                    failJson(path + QStringLiteral(".id"), QStringLiteral("\"%1\" is used twice").arg(source.id));
                ids.insert(source.id);
                dashboard.sources << source;
            }
        }

        const QJsonValue panels = reader.take(QStringLiteral("panels"));
        if (!panels.isArray())
            failJson(QStringLiteral("panels"),
                panels.isUndefined() ? QStringLiteral("missing (expected an array)")
                                     : QStringLiteral("expected an array"));
        const QJsonArray panelArray = panels.toArray();
        for (qsizetype i = 0; i < panelArray.size(); ++i)
            dashboard.panels << readPanel(panelArray[i], QStringLiteral("panels[%1]").arg(i), dashboard.sources);
        dashboard.annotations = readAnnotations(reader);
        dashboard.annotationQueries = readAnnotationQueries(reader, dashboard.sources);
        dashboard.variables = readVariables(reader, dashboard.sources);

        const QJsonObject unknown = reader.rest();
        for (auto it = unknown.begin(); it != unknown.end(); ++it)
            dashboard.unknownFields.insert(it.key(), it.value());
        return dashboard;
    }

    QJsonObject writeSource(const DataSourceSpec& source)
    {
        QJsonObject object = source.unknownFields;
        object.insert(QStringLiteral("id"), source.id);
        object.insert(QStringLiteral("kind"), nameOf(sourceKinds, source.kind));
        object.insert(QStringLiteral("url"), source.url.toString());
        if (source.auth != DataSourceAuth::None)
            object.insert(QStringLiteral("auth"), nameOf(authKinds, source.auth));
        if (!source.username.isEmpty())
            object.insert(QStringLiteral("username"), source.username);
        if (!source.secretRef.isEmpty())
            object.insert(QStringLiteral("secretRef"), source.secretRef);
        if (!source.caFile.isEmpty())
            object.insert(QStringLiteral("caFile"), source.caFile);
        if (source.skipTlsVerify)
            object.insert(QStringLiteral("skipTlsVerify"), true);
        if (source.queryTimeoutMs != DataSourceSpec {}.queryTimeoutMs)
            object.insert(QStringLiteral("queryTimeout"), formatDuration(source.queryTimeoutMs));
        return object;
    }

    QJsonObject writePanel(const PanelSpec& panel)
    {
        QJsonObject object = panel.unknownFields;
        object.insert(QStringLiteral("title"), panel.title);
        if (panel.isHeatmap()) {
            object.insert(QStringLiteral("kind"), nameOf(panelKinds, panel.kind));
            object.insert(QStringLiteral("bucketScale"), nameOf(bucketScales, panel.bucketScale));
            object.insert(QStringLiteral("objective"), panel.objective);
        }
        if (!panel.sourceId.isEmpty())
            object.insert(QStringLiteral("source"), panel.sourceId);
        if (!panel.metric.isEmpty())
            object.insert(QStringLiteral("metric"), panel.metric);
        if (!panel.query.isEmpty())
            object.insert(QStringLiteral("query"), panel.query);
        if (!panel.legendFormat.isEmpty())
            object.insert(QStringLiteral("legendFormat"), panel.legendFormat);
        if (panel.stepSeconds != 0)
            object.insert(QStringLiteral("stepSeconds"), panel.stepSeconds);
        if (panel.minStepSeconds > 0)
            object.insert(QStringLiteral("minStep"), formatDuration(qint64(std::round(panel.minStepSeconds * 1000.0))));
        if (panel.maxDataPoints > 0)
            object.insert(QStringLiteral("maxDataPoints"), panel.maxDataPoints);
        object.insert(QStringLiteral("unit"), panel.unit);
        if (panel.displayScale != 1.0)
            object.insert(QStringLiteral("scale"), panel.displayScale);
        const auto optionalNumber = [](double value) { return std::isnan(value) ? QJsonValue() : QJsonValue(value); };
        object.insert(QStringLiteral("target"), optionalNumber(panel.target.target));
        object.insert(QStringLiteral("baseline"), optionalNumber(panel.target.baseline));
        object.insert(QStringLiteral("direction"), nameOf(directions, panel.target.direction));
        if (!panel.thresholds.isEmpty()) {
            QJsonArray thresholds;
            for (const PanelThreshold& threshold : panel.thresholds) {
                QJsonObject item { { QStringLiteral("value"), threshold.value } };
                if (!threshold.label.isEmpty())
                    item.insert(QStringLiteral("label"), threshold.label);
                if (!threshold.color.isEmpty())
                    item.insert(QStringLiteral("color"), threshold.color);
                thresholds.append(item);
            }
            object.insert(QStringLiteral("thresholds"), thresholds);
        }
        object.insert(QStringLiteral("scorecard"), nameOf(scorecards, panel.reduce));
        if (panel.maxSeries != PanelSpec::defaultMaxSeries)
            object.insert(QStringLiteral("maxSeries"), panel.maxSeries);
        return object;
    }

    // Known keys in reading order; anything else (unknown fields) follows alphabetically.
    const char* const keyOrder[] = { "perfdash_dashboard", "name", "timeRange", "refresh", "layout", "sources",
        "panels", "id", "title", "kind", "source", "url", "auth", "username", "secretRef", "caFile", "skipTlsVerify",
        "queryTimeout", "metric", "query", "legendFormat", "stepSeconds", "minStep", "maxDataPoints", "unit", "scale",
        "target", "baseline", "direction", "thresholds", "value", "label", "color", "scorecard", "maxSeries",
        "bucketScale", "objective", "columns", "annotations", "annotationQueries", "time", "end", "expr", "text",
        "tags", "variables", "regex", "includeAll", "allValue", "current" };
}

DashboardLoadResult DashboardFile::load(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return { std::nullopt,
            QStringLiteral("%1: not valid JSON: %2")
                .arg(jsonLineAndColumn(json, parseError.offset), parseError.errorString()) };
    if (!document.isObject())
        return { std::nullopt, QStringLiteral("expected a JSON object at the top level") };
    try {
        return { readDashboard(document.object()), QString() };
    } catch (const JsonReadError& error) {
        return { std::nullopt, error.message };
    }
}

DashboardLoadResult DashboardFile::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return { std::nullopt, QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()) };
    if (file.size() > maxFileBytes)
        return { std::nullopt,
            QStringLiteral("%1: %2 MB is too large for a dashboard file (at most %3 MB)")
                .arg(path)
                .arg(file.size() / (1024 * 1024))
                .arg(maxFileBytes / (1024 * 1024)) };
    DashboardLoadResult result = load(file.readAll());
    if (!result.dashboard)
        result.error = path + QStringLiteral(": ") + result.error;
    return result;
}

QByteArray DashboardFile::toJson(const DashboardSpec& dashboard)
{
    QJsonObject root = dashboard.unknownFields;
    root.insert(QStringLiteral("perfdash_dashboard"), formatVersion);
    root.insert(QStringLiteral("name"), dashboard.name);
    root.insert(QStringLiteral("timeRange"), formatDuration(dashboard.timeRangeMs));
    root.insert(QStringLiteral("refresh"),
        dashboard.refreshIntervalMs > 0 ? formatDuration(dashboard.refreshIntervalMs) : QStringLiteral("off"));
    QJsonObject layout = dashboard.unknownFields.value(QStringLiteral("layout")).toObject();
    layout.insert(QStringLiteral("columns"), dashboard.gridColumns);
    root.insert(QStringLiteral("layout"), layout);
    QJsonArray sources;
    for (const DataSourceSpec& source : dashboard.sources)
        sources.append(writeSource(source));
    root.insert(QStringLiteral("sources"), sources);
    QJsonArray panels;
    for (const PanelSpec& panel : dashboard.panels)
        panels.append(writePanel(panel));
    root.insert(QStringLiteral("panels"), panels);
    // Only when there are some: a file saved before annotations existed must save back unchanged.
    if (!dashboard.annotations.isEmpty())
        root.insert(QStringLiteral("annotations"), writeAnnotations(dashboard.annotations));
    if (!dashboard.annotationQueries.isEmpty())
        root.insert(QStringLiteral("annotationQueries"), writeAnnotationQueries(dashboard.annotationQueries));
    if (!dashboard.variables.isEmpty())
        root.insert(QStringLiteral("variables"), writeVariables(dashboard.variables));

    QList<QLatin1String> order;
    for (const char* key : keyOrder)
        order << QLatin1String(key);
    return canonicalJson(root, order);
}

bool DashboardFile::save(const DashboardSpec& dashboard, const QString& path, QString* error)
{
    QSaveFile file(path);
    const QByteArray bytes = toJson(dashboard);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot save %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

} // namespace perfdash
