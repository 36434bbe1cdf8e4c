#include "GrafanaImport.h"

#include "Duration.h"
#include "GrafanaPanelImport.h"
#include "JsonObjectReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    constexpr int oldestSchemaVersion = 16; // Grafana 5: panels with gridPos instead of rows with spans
    constexpr int gridWidth = 24; // Grafana's grid is 24 columns wide
    constexpr int maxColumns = 6; // as DashboardFile takes them
    // Node Exporter Full is about 500 KB; larger files are not dashboards.
    constexpr qint64 maxFileBytes = 32 * 1024 * 1024;

    // Grafana writes a variable's value as a string or, for multi-value variables, an array.
    QStringList currentValues(const QJsonObject& variable)
    {
        const QJsonValue value = variable.value(QStringLiteral("current")).toObject().value(QStringLiteral("value"));
        if (value.isArray()) {
            QStringList values;
            for (const auto& one : value.toArray())
                values << one.toString();
            return values;
        }
        return value.isString() ? QStringList { value.toString() } : QStringList();
    }

    QString queryText(const QJsonObject& variable)
    {
        const QJsonValue query = variable.value(QStringLiteral("query"));
        return query.isObject() ? query.toObject().value(QStringLiteral("query")).toString() : query.toString();
    }

    // What an inlined variable stands for: its current value, else its first option (custom, interval) or
    // its query (constant, textbox). Several values are a regex alternation, as Grafana formats them.
    QString inlineValue(const QJsonObject& variable, const QString& type)
    {
        QStringList values = currentValues(variable);
        values.removeAll(QStringLiteral("$__all"));
        if (values.isEmpty()) {
            const QString query = queryText(variable);
            if (type == QStringLiteral("custom") || type == QStringLiteral("interval"))
                values << query.split(u',', Qt::SkipEmptyParts).value(0).trimmed();
            else
                values << query;
        }
        return values.size() == 1 ? values.constFirst() : QStringLiteral("(%1)").arg(values.join(u'|'));
    }

    void readVariables(const QJsonObject& root, GrafanaImportContext& context, DashboardSpec& dashboard,
        QList<GrafanaImportNote>& notes)
    {
        for (const auto& input : root.value(QStringLiteral("__inputs")).toArray()) {
            const QJsonObject object = input.toObject();
            if (object.value(QStringLiteral("type")).toString() == QStringLiteral("datasource"))
                context.datasourcePlugins.insert(object.value(QStringLiteral("name")).toString(),
                    object.value(QStringLiteral("pluginId")).toString());
        }
        const QJsonArray list = root.value(QStringLiteral("templating")).toObject().value(QStringLiteral("list")).toArray();
        // Datasource variables first: query variables name them.
        for (const auto& value : list) {
            const QJsonObject variable = value.toObject();
            if (variable.value(QStringLiteral("type")).toString() == QStringLiteral("datasource"))
                context.datasourcePlugins.insert(variable.value(QStringLiteral("name")).toString(), queryText(variable));
        }
        for (const auto& value : list) {
            const QJsonObject variable = value.toObject();
            const QString type = variable.value(QStringLiteral("type")).toString();
            const QString name = variable.value(QStringLiteral("name")).toString();
            const QString where = QStringLiteral("variable $%1").arg(name);
            if (type == QStringLiteral("datasource")) {
                if (queryText(variable) != QStringLiteral("prometheus"))
                    notes.append({ QString(),
                        QStringLiteral("%1 chooses a \"%2\" datasource: panels on it are not imported")
                            .arg(where, queryText(variable)) });
                continue;
            }
            if (type == QStringLiteral("custom") || type == QStringLiteral("constant")
                || type == QStringLiteral("textbox") || type == QStringLiteral("interval")) {
                context.inlined.insert(name, inlineGrafanaVariables(inlineValue(variable, type), context));
                notes.append({ QString(),
                    QStringLiteral("%1 (%2) inlined as \"%3\"").arg(where, type, context.inlined.value(name)) });
                continue;
            }
            if (type != QStringLiteral("query")) {
                notes.append({ QString(), QStringLiteral("%1: variables of type \"%2\" are not imported").arg(where, type) });
                continue;
            }
            const QString plugin = grafanaDatasourcePlugin(variable.value(QStringLiteral("datasource")), context);
            const QString query = inlineGrafanaVariables(queryText(variable).trimmed(), context);
            if (!plugin.isEmpty() && plugin != QStringLiteral("prometheus") && !plugin.startsWith(u'?')) {
                notes.append({ QString(), QStringLiteral("%1 queries a \"%2\" datasource: not imported").arg(where, plugin) });
                continue;
            }
            if (!parseLabelValuesQuery(query)) {
                const QString current = inlineValue(variable, type);
                context.inlined.insert(name, current);
                notes.append({ QString(),
                    QStringLiteral("%1: \"%2\" is not label_values(): inlined as its saved value \"%3\"")
                        .arg(where, query, current) });
                continue;
            }
            DashboardVariable imported;
            imported.name = name;
            imported.label = variable.value(QStringLiteral("label")).toString();
            imported.sourceId = context.options.sourceId;
            imported.query = query;
            imported.regex = variable.value(QStringLiteral("regex")).toString();
            imported.includeAll = variable.value(QStringLiteral("includeAll")).toBool();
            imported.allValue = variable.value(QStringLiteral("allValue")).toString();
            const QStringList current = currentValues(variable);
            if (current.contains(QStringLiteral("$__all")) && imported.includeAll)
                imported.current = DashboardVariable::allChoice();
            else
                imported.current = current.value(0);
            if (variable.value(QStringLiteral("multi")).toBool())
                notes.append({ QString(),
                    QStringLiteral("%1 is multi-value in Grafana: perfdash selects one value, or All").arg(where) });
            dashboard.variables << imported;
        }
    }

    // "now-6h" → 6 h; Grafana's relative range as the dashboard's time range.
    void readTime(const QJsonObject& root, DashboardSpec& dashboard, QList<GrafanaImportNote>& notes)
    {
        const QJsonObject time = root.value(QStringLiteral("time")).toObject();
        const QString from = time.value(QStringLiteral("from")).toString();
        const QString to = time.value(QStringLiteral("to")).toString(QStringLiteral("now"));
        std::optional<qint64> range;
        if (from.startsWith(QStringLiteral("now-")))
            range = parseDuration(from.mid(4).section(u'/', 0, 0));
        if (range && to == QStringLiteral("now"))
            dashboard.timeRangeMs = *range;
        else if (!from.isEmpty())
            notes.append({ QString(),
                QStringLiteral("time range %1 to %2 is not \"now-N to now\": the dashboard shows the last %3")
                    .arg(from, to, formatDuration(dashboard.timeRangeMs)) });
        const QJsonValue refresh = root.value(QStringLiteral("refresh"));
        if (const std::optional<qint64> every = parseDuration(refresh.toString()); every && *every <= 24 * 3600 * 1000)
            dashboard.refreshIntervalMs = int(*every);
    }

    // Grafana's panels in reading order: rows in file order, and inside each row by position, top to bottom,
    // left to right. A collapsed row keeps its panels inside itself.
    QList<QJsonObject> panelsInOrder(const QJsonObject& root)
    {
        struct Placed {
            int row;
            int y;
            int x;
            QJsonObject panel;
        };
        QList<Placed> placed;
        int row = 0;
        const auto place = [&placed](int rowIndex, const QJsonObject& panel) {
            const QJsonObject grid = panel.value(QStringLiteral("gridPos")).toObject();
            placed.append({ rowIndex, grid.value(QStringLiteral("y")).toInt(), grid.value(QStringLiteral("x")).toInt(), panel });
        };
        for (const auto& value : root.value(QStringLiteral("panels")).toArray()) {
            const QJsonObject panel = value.toObject();
            if (panel.value(QStringLiteral("type")).toString() == QStringLiteral("row")) {
                ++row;
                for (const auto& inner : panel.value(QStringLiteral("panels")).toArray())
                    place(row, inner.toObject());
                continue;
            }
            place(row, panel);
        }
        std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
            return std::tie(a.row, a.y, a.x) < std::tie(b.row, b.y, b.x);
        });
        QList<QJsonObject> panels;
        for (const Placed& one : placed)
            panels << one.panel;
        return panels;
    }

    void readAnnotations(const QJsonObject& root, const GrafanaImportContext& context, DashboardSpec& dashboard,
        QList<GrafanaImportNote>& notes)
    {
        const QJsonArray list = root.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("list")).toArray();
        for (const auto& value : list) {
            const QJsonObject annotation = value.toObject();
            const QString name = annotation.value(QStringLiteral("name")).toString();
            const QString plugin = grafanaDatasourcePlugin(annotation.value(QStringLiteral("datasource")), context);
            const QString expr = inlineGrafanaVariables(annotation.value(QStringLiteral("expr")).toString().trimmed(), context);
            if (annotation.value(QStringLiteral("builtIn")).toInt() == 1 || plugin == QStringLiteral("grafana")) {
                notes.append({ QString(),
                    QStringLiteral("annotation \"%1\" is Grafana's own (alerts and notes kept in Grafana): not imported")
                        .arg(name) });
                continue;
            }
            if ((!plugin.isEmpty() && plugin != QStringLiteral("prometheus") && !plugin.startsWith(u'?')) || expr.isEmpty()) {
                notes.append({ QString(), QStringLiteral("annotation \"%1\" is not a PromQL query: not imported").arg(name) });
                continue;
            }
            AnnotationQuerySpec query;
            query.sourceId = context.options.sourceId;
            query.expr = expr;
            QStringList text;
            for (const char* key : { "titleFormat", "textFormat" }) {
                if (const QString format = annotation.value(QLatin1String(key)).toString(); !format.isEmpty())
                    text << format;
            }
            query.text = text.isEmpty() ? name : text.join(QStringLiteral(" — "));
            if (const QString tags = annotation.value(QStringLiteral("tags")).toString(); !tags.isEmpty())
                query.tags = tags.split(u',', Qt::SkipEmptyParts);
            if (!annotation.value(QStringLiteral("tagKeys")).toString().isEmpty())
                notes.append({ QString(),
                    QStringLiteral("annotation \"%1\": tagKeys (tags from labels) not imported; use {{label}} in the "
                                   "text")
                        .arg(name) });
            dashboard.annotationQueries << query;
        }
    }

    // Grafana panels are 24 grid units wide per row; perfdash lays panels out in equal columns. The most common
    // width decides how many.
    int columnsFor(const QList<int>& widths, QList<GrafanaImportNote>& notes)
    {
        QMap<int, int> counts;
        for (int width : widths)
            ++counts[std::clamp(width, 1, gridWidth)];
        if (counts.isEmpty())
            return 3;
        const auto common = std::max_element(counts.cbegin(), counts.cend());
        const int columns = std::clamp(int(std::lround(double(gridWidth) / double(common.key()))), 1, maxColumns);
        if (counts.size() > 1) {
            QStringList seen;
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                seen << QString::number(it.key());
            notes.append({ QString(),
                QStringLiteral("panel widths vary (%1 of 24 grid units): laid out in %2 equal columns")
                    .arg(seen.join(QStringLiteral(", ")))
                    .arg(columns) });
        }
        return columns;
    }
}

GrafanaImportResult importGrafanaDashboard(const QByteArray& json, const GrafanaImportOptions& options)
{
    GrafanaImportResult result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("%1: not valid JSON: %2")
                           .arg(jsonLineAndColumn(json, parseError.offset), parseError.errorString());
        return result;
    }
    QJsonObject root = document.object();
    if (root.value(QStringLiteral("dashboard")).isObject()) // Grafana's HTTP API: {"dashboard": …, "meta": …}
        root = root.value(QStringLiteral("dashboard")).toObject();
    if (!document.isObject() || (!root.contains(QStringLiteral("panels")) && !root.contains(QStringLiteral("rows")))) {
        result.error = QStringLiteral("not a Grafana dashboard: expected an object with \"panels\"");
        return result;
    }
    const QJsonValue schema = root.value(QStringLiteral("schemaVersion"));
    if (!schema.isDouble() || schema.toDouble() < oldestSchemaVersion || root.contains(QStringLiteral("rows"))) {
        result.error = QStringLiteral("schemaVersion: %1; perfdash imports Grafana dashboards of schema %2 and later "
                                      "(Grafana 5 and later): open and save the dashboard in a current Grafana first")
                           .arg(schema.isDouble() ? QString::number(schema.toDouble()) : QStringLiteral("missing"))
                           .arg(oldestSchemaVersion);
        return result;
    }

    GrafanaImportContext context;
    context.options = options;
    DashboardSpec dashboard;
    dashboard.name = root.value(QStringLiteral("title")).toString().trimmed();
    if (dashboard.name.isEmpty())
        dashboard.name = QStringLiteral("Imported Grafana dashboard");
    DataSourceSpec source;
    source.id = options.sourceId;
    source.kind = DataSourceKind::Prometheus;
    source.url = options.prometheusUrl;
    dashboard.sources << source;
    readTime(root, dashboard, result.notes);
    readVariables(root, context, dashboard, result.notes);
    readAnnotations(root, context, dashboard, result.notes);

    QList<int> widths;
    for (const QJsonObject& panel : panelsInOrder(root)) {
        const QList<PanelSpec> imported = importGrafanaPanel(panel, context, result.notes);
        for (const PanelSpec& spec : imported) {
            dashboard.panels << spec;
            widths << panel.value(QStringLiteral("gridPos")).toObject().value(QStringLiteral("w")).toInt(gridWidth / 3);
        }
    }
    dashboard.gridColumns = columnsFor(widths, result.notes);
    if (const qsizetype links = root.value(QStringLiteral("links")).toArray().size(); links > 0)
        result.notes.append({ QString(), QStringLiteral("%1 dashboard link(s) not imported").arg(links) });
    if (dashboard.panels.isEmpty())
        result.notes.append({ QString(), QStringLiteral("no panel could be imported") });
    result.dashboard = dashboard;
    return result;
}

GrafanaImportResult importGrafanaDashboardFile(const QString& path, const GrafanaImportOptions& options)
{
    QFile file(path);
    GrafanaImportResult result;
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return result;
    }
    if (file.size() > maxFileBytes) {
        result.error = QStringLiteral("%1: %2 MB is too large for a Grafana dashboard (at most %3 MB)")
                           .arg(path)
                           .arg(file.size() / (1024 * 1024))
                           .arg(maxFileBytes / (1024 * 1024));
        return result;
    }
    result = importGrafanaDashboard(file.readAll(), options);
    if (!result.dashboard)
        result.error = path + QStringLiteral(": ") + result.error;
    return result;
}

QString GrafanaImportResult::report() const
{
    if (!dashboard)
        return error;
    QString text = QStringLiteral("Imported \"%1\": %2 panels, %3 variables, %4 annotation queries.\n")
                       .arg(dashboard->name)
                       .arg(dashboard->panels.size())
                       .arg(dashboard->variables.size())
                       .arg(dashboard->annotationQueries.size());
    QStringList order;
    QHash<QString, QStringList> byPanel;
    for (const GrafanaImportNote& note : notes) {
        if (!byPanel.contains(note.panel))
            order << note.panel;
        byPanel[note.panel] << note.message;
    }
    for (const QString& panel : order) {
        text += panel.isEmpty() ? QStringLiteral("\nDashboard:\n") : QStringLiteral("\nPanel \"%1\":\n").arg(panel);
        for (const QString& message : byPanel.value(panel))
            text += QStringLiteral("  - %1\n").arg(message);
    }
    return text;
}

} // namespace perfdash
