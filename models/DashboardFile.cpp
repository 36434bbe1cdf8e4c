#include "DashboardFile.h"

#include "DataSourceValidation.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <type_traits>

namespace perfdash {

namespace {
    // Larger files are not dashboards; refusing them early keeps a wrong pick in "Open…" harmless.
    constexpr qint64 maxFileBytes = 16 * 1024 * 1024;
    constexpr int maxGridColumns = 6;

    // Thrown inside this file only, to stop at the first problem with its location; load() catches it.
    struct LoadError {
        QString message;
    };

    [[noreturn]] void fail(const QString& where, const QString& what)
    {
        throw LoadError { where.isEmpty() ? what : where + QStringLiteral(": ") + what };
    }

    QString at(const QString& parent, const QString& key)
    {
        return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
    }

    // Reads the known keys of one JSON object; whatever is left over is the object's unknown fields.
    class ObjectReader {
    public:
        ObjectReader(QJsonObject object, QString path)
            : m_rest(std::move(object))
            , m_path(std::move(path))
        {
        }

        QString path(const QString& key) const { return at(m_path, key); }
        bool has(const QString& key) const { return m_rest.contains(key); }

        QJsonValue take(const QString& key)
        {
            const QJsonValue value = m_rest.value(key);
            m_rest.remove(key);
            return value;
        }

        QString string(const QString& key, bool required, const QString& fallback = {})
        {
            if (!has(key)) {
                if (required)
                    fail(path(key), QStringLiteral("missing (expected a string)"));
                return fallback;
            }
            const QJsonValue value = take(key);
            if (!value.isString())
                fail(path(key), QStringLiteral("expected a string"));
            return value.toString();
        }

        QString nonEmptyString(const QString& key)
        {
            const QString text = string(key, true).trimmed();
            if (text.isEmpty())
                fail(path(key), QStringLiteral("must not be empty"));
            return text;
        }

        double number(const QString& key, bool required, double fallback = 0.0)
        {
            if (!has(key)) {
                if (required)
                    fail(path(key), QStringLiteral("missing (expected a number)"));
                return fallback;
            }
            const QJsonValue value = take(key);
            if (!value.isDouble() || !std::isfinite(value.toDouble()))
                fail(path(key), QStringLiteral("expected a number"));
            return value.toDouble();
        }

        bool boolean(const QString& key, bool fallback)
        {
            if (!has(key))
                return fallback;
            const QJsonValue value = take(key);
            if (!value.isBool())
                fail(path(key), QStringLiteral("expected true or false"));
            return value.toBool();
        }

        qint64 duration(const QString& key, qint64 fallback)
        {
            if (!has(key))
                return fallback;
            const QJsonValue value = take(key);
            const auto parsed = value.isString() ? DashboardFile::parseDuration(value.toString()) : std::nullopt;
            if (!parsed || *parsed <= 0)
                fail(path(key), QStringLiteral("expected a duration like \"30s\", \"15m\" or \"1h\""));
            return *parsed;
        }

        template <typename Enum>
        Enum choice(const QString& key, const QList<std::pair<const char*, Enum>>& choices,
            std::type_identity_t<std::optional<Enum>> fallback)
        {
            QStringList names;
            for (const auto& [name, value] : choices)
                names << QStringLiteral("\"%1\"").arg(QLatin1String(name));
            const QString expected = QStringLiteral("expected one of ") + names.join(QStringLiteral(", "));
            if (!has(key)) {
                if (!fallback)
                    fail(path(key), QStringLiteral("missing (%1)").arg(expected));
                return *fallback;
            }
            const QJsonValue value = take(key);
            for (const auto& [name, choiceValue] : choices) {
                if (value.isString() && value.toString() == QLatin1String(name))
                    return choiceValue;
            }
            fail(path(key), expected);
        }

        QJsonObject rest() const { return m_rest; }

    private:
        QJsonObject m_rest;
        QString m_path;
    };

    const QList<std::pair<const char*, DataSourceKind>> sourceKinds
        = { { "stream", DataSourceKind::Stream }, { "prometheus", DataSourceKind::Prometheus } };
    const QList<std::pair<const char*, DataSourceAuth>> authKinds = { { "none", DataSourceAuth::None },
        { "basic", DataSourceAuth::Basic }, { "bearer", DataSourceAuth::Bearer } };
    const QList<std::pair<const char*, Direction>> directions
        = { { "lower-is-better", Direction::LowerIsBetter }, { "higher-is-better", Direction::HigherIsBetter } };
    const QList<std::pair<const char*, ScorecardReduce>> scorecards
        = { { "latest", ScorecardReduce::WorstLatest }, { "peak", ScorecardReduce::WindowPeak } };

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
            fail(path, QStringLiteral("expected an object"));
        ObjectReader reader(value.toObject(), path);
        for (const char* key : secretKeys) {
            if (reader.has(QLatin1String(key)))
                fail(reader.path(QLatin1String(key)),
                    QStringLiteral("secrets are never stored in dashboard files; use \"secretRef\": \"env:NAME\" or "
                                   "\"keychain:SERVICE/ACCOUNT\""));
        }
        DataSourceSpec source;
        source.id = reader.nonEmptyString(QStringLiteral("id"));
        static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_.-]+$"));
        if (!idPattern.match(source.id).hasMatch())
            fail(reader.path(QStringLiteral("id")), QStringLiteral("use letters, digits, '_', '.' and '-' only"));
        source.kind = reader.choice(QStringLiteral("kind"), sourceKinds, std::nullopt);

        const QString urlText = reader.nonEmptyString(QStringLiteral("url"));
        source.url = QUrl(urlText, QUrl::StrictMode);
        if (const QString problem = urlProblem(source.kind, source.url, urlText, UrlPlaceholders::Allowed);
            !problem.isEmpty())
            fail(reader.path(QStringLiteral("url")), problem);

        source.auth = reader.choice(QStringLiteral("auth"), authKinds, std::optional(DataSourceAuth::None));
        source.username = reader.string(QStringLiteral("username"), false);
        source.secretRef = reader.string(QStringLiteral("secretRef"), false);
        if (const DataSourceProblem problem = authProblem(source); !problem.field.isEmpty())
            fail(reader.path(problem.field), problem.reason);
        source.caFile = reader.string(QStringLiteral("caFile"), false);
        source.skipTlsVerify = reader.boolean(QStringLiteral("skipTlsVerify"), false);
        source.queryTimeoutMs = int(reader.duration(QStringLiteral("queryTimeout"), source.queryTimeoutMs));
        source.unknownFields = reader.rest();
        return source;
    }

    QList<PanelThreshold> readThresholds(ObjectReader& panelReader)
    {
        const QString key = QStringLiteral("thresholds");
        if (!panelReader.has(key))
            return {};
        const QString path = panelReader.path(key);
        const QJsonValue value = panelReader.take(key);
        if (!value.isArray())
            fail(path, QStringLiteral("expected a list like [{\"value\": 1.8, \"label\": \"warning\"}]"));
        static const QRegularExpression colorPattern(QStringLiteral("^#[0-9a-fA-F]{6}$"));
        QList<PanelThreshold> thresholds;
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i) {
            const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
            if (!array.at(i).isObject())
                fail(itemPath, QStringLiteral("expected an object with a \"value\""));
            ObjectReader item(array.at(i).toObject(), itemPath);
            PanelThreshold threshold;
            threshold.value = item.number(QStringLiteral("value"), true);
            threshold.label = item.string(QStringLiteral("label"), false).trimmed();
            threshold.color = item.string(QStringLiteral("color"), false).trimmed();
            if (!threshold.color.isEmpty() && !colorPattern.match(threshold.color).hasMatch())
                fail(item.path(QStringLiteral("color")), QStringLiteral("expected a color like \"#e6a100\""));
            if (!item.rest().isEmpty())
                fail(item.path(item.rest().keys().constFirst()),
                    QStringLiteral("unknown threshold field (expected \"value\", \"label\" or \"color\")"));
            thresholds.append(threshold);
        }
        return thresholds;
    }

    PanelSpec readPanel(const QJsonValue& value, const QString& path, const QList<DataSourceSpec>& sources)
    {
        if (!value.isObject())
            fail(path, QStringLiteral("expected an object"));
        ObjectReader reader(value.toObject(), path);
        PanelSpec panel;
        panel.title = reader.nonEmptyString(QStringLiteral("title"));
        panel.sourceId = reader.string(QStringLiteral("source"), false);
        const DataSourceSpec* source = nullptr;
        for (const DataSourceSpec& candidate : sources) {
            if (candidate.id == panel.sourceId)
                source = &candidate;
        }
        if (!panel.sourceId.isEmpty() && !source)
            fail(reader.path(QStringLiteral("source")),
                QStringLiteral("no data source with id \"%1\" in \"sources\"").arg(panel.sourceId));
        panel.metric = reader.string(QStringLiteral("metric"), false).trimmed();
        panel.query = reader.string(QStringLiteral("query"), false).trimmed();
        panel.legendFormat = reader.string(QStringLiteral("legendFormat"), false);
        panel.stepSeconds = reader.number(QStringLiteral("stepSeconds"), false, 0.0);
        if (panel.stepSeconds < 0)
            fail(reader.path(QStringLiteral("stepSeconds")), QStringLiteral("must be 0 (automatic) or more"));
        const bool prometheus = source && source->kind == DataSourceKind::Prometheus;
        if (prometheus && panel.query.isEmpty())
            fail(reader.path(QStringLiteral("query")),
                QStringLiteral("missing (source \"%1\" is a Prometheus server: give a PromQL query)")
                    .arg(panel.sourceId));
        if (!prometheus && panel.metric.isEmpty())
            fail(reader.path(QStringLiteral("metric")), QStringLiteral("missing (a stream panel draws a metric name)"));

        panel.unit = reader.string(QStringLiteral("unit"), false);
        panel.displayScale = reader.number(QStringLiteral("scale"), false, 1.0);
        if (panel.displayScale == 0.0)
            fail(reader.path(QStringLiteral("scale")), QStringLiteral("must not be 0"));
        panel.target.target = reader.number(QStringLiteral("target"), true);
        panel.target.baseline = reader.number(QStringLiteral("baseline"), true);
        panel.target.direction = reader.choice(QStringLiteral("direction"), directions, std::nullopt);
        panel.thresholds = readThresholds(reader);
        panel.reduce
            = reader.choice(QStringLiteral("scorecard"), scorecards, std::optional(ScorecardReduce::WorstLatest));
        const double maxSeries = reader.number(QStringLiteral("maxSeries"), false, PanelSpec::defaultMaxSeries);
        if (maxSeries != std::floor(maxSeries) || maxSeries < 1 || maxSeries > PanelSpec::maxSeriesLimit)
            fail(reader.path(QStringLiteral("maxSeries")),
                QStringLiteral("expected a whole number of series to draw, from 1 to %1").arg(PanelSpec::maxSeriesLimit));
        panel.maxSeries = int(maxSeries);
        panel.unknownFields = reader.rest();
        return panel;
    }

    DashboardSpec readDashboard(const QJsonObject& root)
    {
        ObjectReader reader(root, QString());
        const QString versionKey = QStringLiteral("perfdash_dashboard");
        if (!reader.has(versionKey))
            fail(versionKey, QStringLiteral("missing: this is not a perfdash dashboard file"));
        const QJsonValue version = reader.take(versionKey);
        const double versionNumber = version.toDouble(-1);
        if (!version.isDouble() || versionNumber != std::floor(versionNumber) || versionNumber < 1)
            fail(versionKey, QStringLiteral("expected a format version number (1)"));
        if (versionNumber > DashboardFile::formatVersion)
            fail(versionKey,
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
                fail(QStringLiteral("refresh"), QStringLiteral("expected at most 24h, or \"off\""));
            dashboard.refreshIntervalMs = int(refreshMs);
        }

        if (reader.has(QStringLiteral("layout"))) {
            const QJsonValue layout = reader.take(QStringLiteral("layout"));
            if (!layout.isObject())
                fail(QStringLiteral("layout"), QStringLiteral("expected an object"));
            ObjectReader layoutReader(layout.toObject(), QStringLiteral("layout"));
            const double columns = layoutReader.number(QStringLiteral("columns"), false, dashboard.gridColumns);
            if (columns != std::floor(columns) || columns < 1 || columns > maxGridColumns)
                fail(layoutReader.path(QStringLiteral("columns")),
                    QStringLiteral("expected a whole number from 1 to %1").arg(maxGridColumns));
            dashboard.gridColumns = int(columns);
            // Unknown layout fields are kept beside the known ones, in the dashboard's unknown fields.
            if (!layoutReader.rest().isEmpty())
                dashboard.unknownFields.insert(QStringLiteral("layout"), layoutReader.rest());
        }

        if (reader.has(QStringLiteral("sources"))) {
            const QJsonValue sources = reader.take(QStringLiteral("sources"));
            if (!sources.isArray())
                fail(QStringLiteral("sources"), QStringLiteral("expected an array"));
            QSet<QString> ids;
            const QJsonArray array = sources.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QString path = QStringLiteral("sources[%1]").arg(i);
                DataSourceSpec source = readSource(array[i], path);
                if (ids.contains(source.id))
                    fail(path + QStringLiteral(".id"), QStringLiteral("\"%1\" is used twice").arg(source.id));
                ids.insert(source.id);
                dashboard.sources << source;
            }
        }

        const QJsonValue panels = reader.take(QStringLiteral("panels"));
        if (!panels.isArray())
            fail(QStringLiteral("panels"),
                panels.isUndefined() ? QStringLiteral("missing (expected an array)")
                                     : QStringLiteral("expected an array"));
        const QJsonArray panelArray = panels.toArray();
        for (qsizetype i = 0; i < panelArray.size(); ++i)
            dashboard.panels << readPanel(panelArray[i], QStringLiteral("panels[%1]").arg(i), dashboard.sources);

        const QJsonObject unknown = reader.rest();
        for (auto it = unknown.begin(); it != unknown.end(); ++it)
            dashboard.unknownFields.insert(it.key(), it.value());
        return dashboard;
    }

    // "line 3, column 14", from a byte offset into the document.
    QString lineAndColumn(const QByteArray& json, int offset)
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < std::min<int>(offset, json.size()); ++i) {
            if (json[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return QStringLiteral("line %1, column %2").arg(line).arg(column);
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
            object.insert(QStringLiteral("queryTimeout"), DashboardFile::formatDuration(source.queryTimeoutMs));
        return object;
    }

    QJsonObject writePanel(const PanelSpec& panel)
    {
        QJsonObject object = panel.unknownFields;
        object.insert(QStringLiteral("title"), panel.title);
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
        object.insert(QStringLiteral("unit"), panel.unit);
        if (panel.displayScale != 1.0)
            object.insert(QStringLiteral("scale"), panel.displayScale);
        object.insert(QStringLiteral("target"), panel.target.target);
        object.insert(QStringLiteral("baseline"), panel.target.baseline);
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
        "queryTimeout", "metric", "query", "legendFormat", "stepSeconds", "unit", "scale", "target", "baseline",
        "direction", "thresholds", "value", "label", "color", "scorecard", "maxSeries", "columns" };

    int keyRank(const QString& key)
    {
        for (int i = 0; i < int(std::size(keyOrder)); ++i) {
            if (key == QLatin1String(keyOrder[i]))
                return i;
        }
        return int(std::size(keyOrder));
    }

    QByteArray scalarJson(const QJsonValue& value)
    {
        const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }

    // QJsonDocument sorts keys; a file people read and diff should open with its version and name.
    void writeValue(QByteArray& out, const QJsonValue& value, int depth)
    {
        const QByteArray indent((depth + 1) * 2, ' ');
        const QByteArray closing(depth * 2, ' ');
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            if (object.isEmpty()) {
                out += "{}";
                return;
            }
            QStringList keys = object.keys();
            std::stable_sort(
                keys.begin(), keys.end(), [](const QString& a, const QString& b) { return keyRank(a) < keyRank(b); });
            out += "{\n";
            for (qsizetype i = 0; i < keys.size(); ++i) {
                out += indent + scalarJson(keys[i]) + ": ";
                writeValue(out, object.value(keys[i]), depth + 1);
                out += i + 1 < keys.size() ? ",\n" : "\n";
            }
            out += closing + "}";
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (array.isEmpty()) {
                out += "[]";
                return;
            }
            out += "[\n";
            for (qsizetype i = 0; i < array.size(); ++i) {
                out += indent;
                writeValue(out, array[i], depth + 1);
                out += i + 1 < array.size() ? ",\n" : "\n";
            }
            out += closing + "]";
        } else {
            out += scalarJson(value);
        }
    }
}

DashboardLoadResult DashboardFile::load(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return { std::nullopt,
            QStringLiteral("%1: not valid JSON: %2")
                .arg(lineAndColumn(json, parseError.offset), parseError.errorString()) };
    if (!document.isObject())
        return { std::nullopt, QStringLiteral("expected a JSON object at the top level") };
    try {
        return { readDashboard(document.object()), QString() };
    } catch (const LoadError& error) {
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

    QByteArray out;
    writeValue(out, root, 0);
    out += '\n';
    return out;
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

std::optional<qint64> DashboardFile::parseDuration(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,9})(ms|s|m|h|d)$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 count = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 unitMs = unit == u"ms" ? 1
        : unit == u"s"                  ? 1000
        : unit == u"m"                  ? 60'000
        : unit == u"h"                  ? 3'600'000
                                        : 86'400'000;
    return count * unitMs;
}

QString DashboardFile::formatDuration(qint64 milliseconds)
{
    const std::pair<qint64, const char*> units[]
        = { { 86'400'000, "d" }, { 3'600'000, "h" }, { 60'000, "m" }, { 1000, "s" }, { 1, "ms" } };
    for (const auto& [unitMs, name] : units) {
        if (milliseconds != 0 && milliseconds % unitMs == 0)
            return QString::number(milliseconds / unitMs) + QLatin1String(name);
    }
    return QStringLiteral("0s");
}

} // namespace perfdash
