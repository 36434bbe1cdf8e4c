#include "GrafanaPanelImport.h"

#include "Duration.h"
#include "GrafanaUnits.h"
#include "QueryExpansion.h"
#include "QueryTimeSettings.h"
#include "ValueFormat.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    const QStringList chartTypes
        = { QStringLiteral("timeseries"), QStringLiteral("graph"), QStringLiteral("stat"), QStringLiteral("singlestat"),
              QStringLiteral("gauge"), QStringLiteral("heatmap") };

    // Grafana's palette names (grafana-data's colors.ts) for the colours thresholds use most.
    QString paletteHex(const QString& name)
    {
        static const QHash<QString, QString> palette = {
            { QStringLiteral("green"), QStringLiteral("#73bf69") },
            { QStringLiteral("dark-green"), QStringLiteral("#37872d") },
            { QStringLiteral("semi-dark-green"), QStringLiteral("#56a64b") },
            { QStringLiteral("light-green"), QStringLiteral("#96d98d") },
            { QStringLiteral("yellow"), QStringLiteral("#fade2a") },
            { QStringLiteral("dark-yellow"), QStringLiteral("#e0b400") },
            { QStringLiteral("semi-dark-yellow"), QStringLiteral("#f2cc0c") },
            { QStringLiteral("orange"), QStringLiteral("#ff9830") },
            { QStringLiteral("dark-orange"), QStringLiteral("#fa6400") },
            { QStringLiteral("semi-dark-orange"), QStringLiteral("#ff780a") },
            { QStringLiteral("red"), QStringLiteral("#f2495c") },
            { QStringLiteral("dark-red"), QStringLiteral("#c4162a") },
            { QStringLiteral("semi-dark-red"), QStringLiteral("#e02f44") },
            { QStringLiteral("light-red"), QStringLiteral("#ff7383") },
            { QStringLiteral("blue"), QStringLiteral("#5794f2") },
            { QStringLiteral("purple"), QStringLiteral("#b877d9") },
        };
        return palette.value(name.trimmed().toLower());
    }

    struct Rgb {
        int red = 0, green = 0, blue = 0;
    };

    // A palette name, "#rgb", "#rrggbb", rgb() or rgba() as its channels.
    std::optional<Rgb> parseColor(const QString& grafanaColor)
    {
        QString text = paletteHex(grafanaColor);
        if (text.isEmpty())
            text = grafanaColor.trimmed().toLower();
        static const QRegularExpression hex(QStringLiteral("^#([0-9a-f]{3}|[0-9a-f]{6})$"));
        if (const QRegularExpressionMatch match = hex.match(text); match.hasMatch()) {
            QString digits = match.captured(1);
            if (digits.size() == 3)
                digits = QString(digits[0]) + digits[0] + digits[1] + digits[1] + digits[2] + digits[2];
            const uint value = digits.toUInt(nullptr, 16);
            return Rgb { int(value >> 16) & 0xff, int(value >> 8) & 0xff, int(value) & 0xff };
        }
        static const QRegularExpression rgb(
            QStringLiteral(R"(^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*[\d.]+\s*)?\)$)"));
        if (const QRegularExpressionMatch match = rgb.match(text); match.hasMatch())
            return Rgb { std::min(255, match.captured(1).toInt()), std::min(255, match.captured(2).toInt()),
                std::min(255, match.captured(3).toInt()) };
        return std::nullopt;
    }

    // "#rrggbb" as the dashboard file takes it; empty for what is not a colour.
    QString hexColor(const QString& grafanaColor)
    {
        const std::optional<Rgb> rgb = parseColor(grafanaColor);
        return rgb ? QStringLiteral("#%1%2%3")
                         .arg(rgb->red, 2, 16, QLatin1Char('0'))
                         .arg(rgb->green, 2, 16, QLatin1Char('0'))
                         .arg(rgb->blue, 2, 16, QLatin1Char('0'))
                   : QString();
    }

    // Red as Grafana users pick it for "bad": a palette red, or a saturated colour whose hue is within 20° of red.
    bool isRed(const QString& grafanaColor)
    {
        if (grafanaColor.contains(QStringLiteral("red"), Qt::CaseInsensitive))
            return true;
        const std::optional<Rgb> rgb = parseColor(grafanaColor);
        if (!rgb)
            return false;
        const int high = std::max({ rgb->red, rgb->green, rgb->blue });
        const int low = std::min({ rgb->red, rgb->green, rgb->blue });
        if (high != rgb->red || high < 100 || high - low < 100)
            return false;
        // Hue of a red-dominant colour: 60° × (green − blue) / (high − low), near 0 for red.
        const double hue = 60.0 * double(rgb->green - rgb->blue) / double(high - low);
        return std::abs(hue) <= 20.0;
    }

    struct Step {
        std::optional<double> value; // raw; nullopt is the base step (-∞)
        QString color;
    };

    // Threshold steps from the panel, in ascending order: fieldConfig's steps (timeseries, stat, gauge), the
    // graph panel's threshold lines, or singlestat's "85,95" with its colours.
    QList<Step> thresholdSteps(const QJsonObject& panel, const QString& title, QList<GrafanaImportNote>& notes)
    {
        QList<Step> steps;
        const QJsonObject thresholds = panel.value(QStringLiteral("fieldConfig"))
                                           .toObject()
                                           .value(QStringLiteral("defaults"))
                                           .toObject()
                                           .value(QStringLiteral("thresholds"))
                                           .toObject();
        if (!thresholds.isEmpty()) {
            if (thresholds.value(QStringLiteral("mode")).toString() == QStringLiteral("percentage")) {
                notes.append({ title,
                    QStringLiteral("percentage thresholds (relative to the panel's min and max) not imported") });
                return {};
            }
            for (const auto& step : thresholds.value(QStringLiteral("steps")).toArray()) {
                const QJsonValue value = step.toObject().value(QStringLiteral("value"));
                steps.append({ value.isDouble() ? std::optional(value.toDouble()) : std::nullopt,
                    step.toObject().value(QStringLiteral("color")).toString() });
            }
            return steps;
        }
        const QJsonValue legacy = panel.value(QStringLiteral("thresholds"));
        if (legacy.isArray()) { // graph: [{"value": 95, "colorMode": "critical", "op": "gt"}]
            for (const auto& line : legacy.toArray()) {
                const QJsonObject object = line.toObject();
                const QString mode = object.value(QStringLiteral("colorMode")).toString();
                const QString color = mode == QStringLiteral("critical") ? QStringLiteral("red")
                    : mode == QStringLiteral("warning")                  ? QStringLiteral("orange")
                    : mode == QStringLiteral("ok")                       ? QStringLiteral("green")
                                                                         : object.value(QStringLiteral("lineColor")).toString();
                const double value = object.value(QStringLiteral("value")).toDouble(std::nan(""));
                if (!std::isfinite(value))
                    continue;
                if (object.value(QStringLiteral("op")).toString() == QStringLiteral("lt")) {
                    // Below the line is bad: a red base step up to the value, then fine.
                    steps.append({ std::nullopt, color });
                    steps.append({ value, QStringLiteral("green") });
                } else {
                    steps.append({ value, color });
                }
            }
            return steps;
        }
        if (legacy.isString() && !legacy.toString().trimmed().isEmpty()) { // singlestat: "85,95"
            const QJsonArray colors = panel.value(QStringLiteral("colors")).toArray();
            steps.append({ std::nullopt, colors.at(0).toString() });
            const QStringList values = legacy.toString().split(u',', Qt::SkipEmptyParts);
            for (qsizetype i = 0; i < values.size(); ++i) {
                bool ok = false;
                const double value = values[i].trimmed().toDouble(&ok);
                if (ok)
                    steps.append({ value, colors.at(i + 1).toString() });
            }
        }
        return steps;
    }

    // Thresholds and, from the first red step, the target, in display units.
    void importThresholds(const QList<Step>& steps, bool targetFromRed, PanelSpec& spec, const QString& title,
        QList<GrafanaImportNote>& notes)
    {
        std::optional<qsizetype> redStep;
        if (targetFromRed) {
            for (qsizetype i = 0; i < steps.size() && !redStep; ++i) {
                if (isRed(steps[i].color))
                    redStep = i;
            }
        }
        // A red base step means "low is bad": the target is the first step above it that is not red.
        std::optional<qsizetype> targetStep = redStep;
        if (redStep && !steps[*redStep].value) {
            targetStep.reset();
            for (qsizetype i = *redStep + 1; i < steps.size() && !targetStep; ++i) {
                if (steps[i].value && !isRed(steps[i].color))
                    targetStep = i;
            }
        }
        if (targetStep) {
            spec.target.target = *steps[*targetStep].value * spec.displayScale;
            spec.target.direction = steps[*redStep].value ? Direction::LowerIsBetter : Direction::HigherIsBetter;
            notes.append({ title,
                QStringLiteral("target %1 %2 taken from the first red threshold step; no baseline (set one in the "
                               "panel editor)")
                    .arg(directionSymbol(spec.target.direction), formatValue(spec.target.target, spec.unit)) });
        } else if (targetFromRed) {
            notes.append({ title, QStringLiteral("no red threshold step: no target set (set one in the panel editor)") });
        }
        for (qsizetype i = 0; i < steps.size(); ++i) {
            if (!steps[i].value || i == targetStep)
                continue;
            spec.thresholds.append({ *steps[i].value * spec.displayScale, QString(), hexColor(steps[i].color) });
        }
    }

    QString unitOf(const QJsonObject& panel)
    {
        const QJsonValue unit
            = panel.value(QStringLiteral("fieldConfig")).toObject().value(QStringLiteral("defaults")).toObject().value(QStringLiteral("unit"));
        if (unit.isString())
            return unit.toString();
        if (const QJsonArray axes = panel.value(QStringLiteral("yaxes")).toArray(); !axes.isEmpty())
            return axes.at(0).toObject().value(QStringLiteral("format")).toString();
        return panel.value(QStringLiteral("format")).toString(); // singlestat
    }

    // Grafana's min interval ("30s", ">1m"), after inlining; 0 when absent or not a fixed duration.
    double minIntervalSeconds(const QString& interval)
    {
        QString text = interval.trimmed();
        if (text.startsWith(u'>'))
            text.remove(0, 1);
        const std::optional<qint64> ms = parseDuration(text);
        return ms ? double(*ms) / 1000.0 : 0.0;
    }

    void noteUnmapped(const QJsonObject& panel, const QString& title, QList<GrafanaImportNote>& notes)
    {
        if (const QJsonArray transformations = panel.value(QStringLiteral("transformations")).toArray();
            !transformations.isEmpty()) {
            QStringList ids;
            for (const auto& transformation : transformations)
                ids << transformation.toObject().value(QStringLiteral("id")).toString();
            notes.append({ title,
                QStringLiteral("transformations not applied (%1): perfdash draws the query's series as they come")
                    .arg(ids.join(QStringLiteral(", "))) });
        }
        const qsizetype overrides = panel.value(QStringLiteral("fieldConfig"))
                                        .toObject()
                                        .value(QStringLiteral("overrides"))
                                        .toArray()
                                        .size()
            + panel.value(QStringLiteral("seriesOverrides")).toArray().size();
        if (overrides > 0)
            notes.append({ title, QStringLiteral("%1 series override(s) (colours, axes, styles) not imported").arg(overrides) });
        if (const QString repeat = panel.value(QStringLiteral("repeat")).toString(); !repeat.isEmpty())
            notes.append({ title,
                QStringLiteral("repeats per value of $%1 in Grafana: imported once, for the value chosen on the toolbar")
                    .arg(repeat) });
        for (const char* key : { "timeFrom", "timeShift" }) {
            if (const QString value = panel.value(QLatin1String(key)).toString(); !value.isEmpty())
                notes.append({ title,
                    QStringLiteral("%1 \"%2\" not imported: the panel follows the dashboard's time range")
                        .arg(QLatin1String(key), value) });
        }
        if (panel.value(QStringLiteral("stack")).toBool()
            || panel.value(QStringLiteral("fieldConfig"))
                       .toObject()
                       .value(QStringLiteral("defaults"))
                       .toObject()
                       .value(QStringLiteral("custom"))
                       .toObject()
                       .value(QStringLiteral("stacking"))
                       .toObject()
                       .value(QStringLiteral("mode"))
                       .toString(QStringLiteral("none"))
                != QStringLiteral("none"))
            notes.append({ title, QStringLiteral("stacking not imported: series are drawn as separate lines") });
    }
}

QString grafanaDatasourcePlugin(const QJsonValue& datasource, const GrafanaImportContext& context)
{
    const auto resolveName = [&context](QString name) -> QString {
        if (name == QStringLiteral("-- Grafana --") || name == QStringLiteral("grafana"))
            return QStringLiteral("grafana");
        if (name == QStringLiteral("-- Mixed --"))
            return QStringLiteral("mixed");
        if (name == QStringLiteral("-- Dashboard --"))
            return QStringLiteral("dashboard");
        if (name.startsWith(QStringLiteral("${")) && name.endsWith(u'}'))
            name = name.mid(2, name.size() - 3);
        else if (name.startsWith(u'$'))
            name = name.mid(1);
        if (const auto plugin = context.datasourcePlugins.constFind(name); plugin != context.datasourcePlugins.cend())
            return *plugin;
        return u'?' + name;
    };
    if (datasource.isNull() || datasource.isUndefined())
        return {};
    if (datasource.isString())
        return resolveName(datasource.toString());
    const QJsonObject object = datasource.toObject();
    QString type = object.value(QStringLiteral("type")).toString();
    const QString uid = object.value(QStringLiteral("uid")).toString();
    if (type == QStringLiteral("datasource")) // {"type": "datasource", "uid": "grafana"}: Grafana's own
        return resolveName(uid);
    if (!type.isEmpty())
        return type;
    return uid.isEmpty() ? QString() : resolveName(uid);
}

QString inlineGrafanaVariables(const QString& text, const GrafanaImportContext& context)
{
    return expandVariables(text, context.inlined); // built-ins ($__rate_interval) stay for the query runner
}

QList<PanelSpec> importGrafanaPanel(
    const QJsonObject& panel, const GrafanaImportContext& context, QList<GrafanaImportNote>& notes)
{
    const QString type = panel.value(QStringLiteral("type")).toString();
    QString title = inlineGrafanaVariables(panel.value(QStringLiteral("title")).toString().trimmed(), context);
    if (title.isEmpty())
        title = QStringLiteral("%1 panel %2").arg(type).arg(panel.value(QStringLiteral("id")).toInt());
    if (panel.contains(QStringLiteral("libraryPanel")) && !panel.contains(QStringLiteral("targets"))) {
        notes.append({ title, QStringLiteral("library panel not imported: its model is kept in Grafana, not in the JSON") });
        return {};
    }
    if (!chartTypes.contains(type)) {
        notes.append({ title,
            QStringLiteral("panel type \"%1\" not imported (perfdash imports timeseries, graph, stat, gauge and "
                           "heatmap panels)")
                .arg(type) });
        return {};
    }
    const QString panelPlugin = grafanaDatasourcePlugin(panel.value(QStringLiteral("datasource")), context);

    PanelSpec base;
    base.kind = type == QStringLiteral("heatmap") ? PanelKind::Heatmap : PanelKind::TimeSeries;
    base.sourceId = context.options.sourceId;
    base.target.target = std::nan("");
    base.target.baseline = std::nan("");
    // Notes on how the panel was drawn matter only when it is imported at all.
    QList<GrafanaImportNote> drawingNotes;
    const QString unit = unitOf(panel);
    if (const std::optional<ImportedUnit> mapped = importedUnit(unit)) {
        base.unit = mapped->unit;
        base.displayScale = mapped->displayScale;
    } else {
        base.unit = unit;
        drawingNotes.append(
            { title, QStringLiteral("unit \"%1\" has no perfdash equivalent: values are shown raw").arg(unit) });
    }
    importThresholds(
        thresholdSteps(panel, title, drawingNotes), context.options.targetFromRedStep, base, title, drawingNotes);
    const double panelMinStep = minIntervalSeconds(inlineGrafanaVariables(panel.value(QStringLiteral("interval")).toString(), context));
    if (const double maxDataPoints = panel.value(QStringLiteral("maxDataPoints")).toDouble(0); maxDataPoints >= 1)
        base.maxDataPoints = int(std::min<double>(maxDataPoints, maxPointsPerSeries));
    noteUnmapped(panel, title, drawingNotes);

    QList<PanelSpec> imported;
    QStringList refIds;
    for (const auto& targetValue : panel.value(QStringLiteral("targets")).toArray()) {
        const QJsonObject target = targetValue.toObject();
        const QString refId = target.value(QStringLiteral("refId")).toString(QStringLiteral("A"));
        QString plugin = grafanaDatasourcePlugin(target.value(QStringLiteral("datasource")), context);
        if (plugin.isEmpty() || plugin == QStringLiteral("mixed"))
            plugin = panelPlugin;
        if (plugin.startsWith(u'?'))
            notes.append({ title,
                QStringLiteral("datasource \"%1\" is not defined in the dashboard: taken to be Prometheus").arg(plugin.mid(1)) });
        else if (!plugin.isEmpty() && plugin != QStringLiteral("prometheus")) {
            notes.append({ title, QStringLiteral("target %1 reads a \"%2\" datasource, not Prometheus: not imported").arg(refId, plugin) });
            continue;
        }
        const QString expr = target.value(QStringLiteral("expr")).toString().trimmed();
        if (target.value(QStringLiteral("hide")).toBool()) {
            notes.append({ title, QStringLiteral("target %1 is hidden in Grafana: not imported").arg(refId) });
            continue;
        }
        if (expr.isEmpty()) {
            notes.append({ title, QStringLiteral("target %1 has no PromQL expression: not imported").arg(refId) });
            continue;
        }
        PanelSpec spec = base;
        spec.query = inlineGrafanaVariables(expr, context);
        QString legend = target.value(QStringLiteral("legendFormat")).toString();
        spec.legendFormat = legend == QStringLiteral("__auto") ? QString() : inlineGrafanaVariables(legend, context);
        const double targetMinStep
            = minIntervalSeconds(inlineGrafanaVariables(target.value(QStringLiteral("interval")).toString(), context));
        spec.minStepSeconds = std::max(panelMinStep, targetMinStep);
        imported << spec;
        refIds << refId;
    }
    if (imported.isEmpty()) {
        notes.append({ title, QStringLiteral("no Prometheus target to import: panel left out") });
        return {};
    }
    notes << drawingNotes;
    for (qsizetype i = 0; i < imported.size(); ++i)
        imported[i].title = imported.size() == 1 ? title : QStringLiteral("%1 (%2)").arg(title, refIds[i]);
    if (imported.size() > 1)
        notes.append({ title,
            QStringLiteral("targets %1 became %2 panels: a perfdash panel draws one query")
                .arg(refIds.join(QStringLiteral(", ")))
                .arg(imported.size()) });
    return imported;
}

} // namespace perfdash
