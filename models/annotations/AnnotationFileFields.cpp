#include "AnnotationFileFields.h"

#include "UtcTimeText.h"

#include <cmath>

namespace perfdash {

namespace {
    const QString timeExample = QStringLiteral("an ISO 8601 time like \"2026-12-02T07:00:00Z\"");

    // The array under `key`, each element an object; absent = empty.
    QJsonArray takeArray(JsonObjectReader& reader, const QString& key, const QString& example)
    {
        if (!reader.has(key))
            return {};
        const QJsonValue value = reader.take(key);
        if (!value.isArray())
            failJson(reader.path(key), QStringLiteral("expected a list like ") + example);
        return value.toArray();
    }

    JsonObjectReader itemReader(const QJsonValue& item, const QString& path, const QString& expected)
    {
        if (!item.isObject())
            failJson(path, QStringLiteral("expected an object with ") + expected);
        return JsonObjectReader(item.toObject(), path);
    }

    std::optional<qint64> readTime(JsonObjectReader& reader, const QString& key, bool required)
    {
        if (!reader.has(key)) {
            if (required)
                failJson(reader.path(key), QStringLiteral("missing (expected %1)").arg(timeExample));
            return std::nullopt;
        }
        const QJsonValue value = reader.take(key);
        if (value.isString()) {
            const ParsedUtcTime parsed = parseUtcTime(value.toString());
            if (!parsed.unixMs)
                failJson(reader.path(key), parsed.problem);
            return parsed.unixMs;
        }
        // Unix milliseconds, as streams and scripts write them. Doubles hold whole numbers exactly up to
        // 2^53, far past 9999, so the range check also guards the conversion.
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || number != std::floor(number))
            failJson(reader.path(key), QStringLiteral("expected %1, or whole unix milliseconds").arg(timeExample));
        if (number < double(earliestFileTimeMs) || number > double(latestFileTimeMs))
            failJson(reader.path(key),
                QStringLiteral("%1 ms is outside 1970 to 9999").arg(QString::number(number, 'g', 15)));
        return qint64(number);
    }

    QStringList readTags(JsonObjectReader& reader)
    {
        const QString key = QStringLiteral("tags");
        if (!reader.has(key))
            return {};
        const QString path = reader.path(key);
        const QJsonValue value = reader.take(key);
        if (!value.isArray())
            failJson(path, QStringLiteral("expected a list of strings like [\"deploy\"]"));
        QStringList tags;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString tagPath = QStringLiteral("%1[%2]").arg(path).arg(i);
            if (!array.at(i).isString())
                failJson(tagPath, QStringLiteral("expected a string"));
            const QString tag = array.at(i).toString().trimmed();
            if (tag.isEmpty())
                failJson(tagPath, QStringLiteral("must not be empty"));
            tags << tag;
        }
        return tags;
    }

    QJsonArray tagsJson(const QStringList& tags)
    {
        QJsonArray array;
        for (const QString& tag : tags)
            array.append(tag);
        return array;
    }

    const DataSourceSpec* sourceWithId(const QList<DataSourceSpec>& sources, const QString& id)
    {
        for (const DataSourceSpec& source : sources) {
            if (source.id == id)
                return &source;
        }
        return nullptr;
    }
}

QList<Annotation> readAnnotations(JsonObjectReader& dashboard)
{
    const QString key = QStringLiteral("annotations");
    const QString path = dashboard.path(key);
    const QJsonArray array
        = takeArray(dashboard, key, QStringLiteral("[{\"time\": \"2026-12-02T07:00:00Z\", \"text\": \"deploy\"}]"));
    QList<Annotation> annotations;
    for (qsizetype i = 0; i < array.size(); ++i) {
        JsonObjectReader item = itemReader(
            array.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), QStringLiteral("a \"time\" and a \"text\""));
        Annotation annotation;
        annotation.origin = Annotation::Origin::User;
        annotation.timeMs = *readTime(item, QStringLiteral("time"), true);
        annotation.endMs = readTime(item, QStringLiteral("end"), false).value_or(annotation.timeMs);
        if (annotation.endMs < annotation.timeMs)
            failJson(item.path(QStringLiteral("end")), QStringLiteral("before its time"));
        annotation.text = item.nonEmptyString(QStringLiteral("text"));
        annotation.tags = readTags(item);
        annotation.unknownFields = item.rest();
        annotations << annotation;
    }
    return annotations;
}

QList<AnnotationQuerySpec> readAnnotationQueries(JsonObjectReader& dashboard, const QList<DataSourceSpec>& sources)
{
    const QString key = QStringLiteral("annotationQueries");
    const QString path = dashboard.path(key);
    const QJsonArray array = takeArray(dashboard, key,
        QStringLiteral("[{\"source\": \"prom\", \"expr\": \"changes(process_start_time_seconds[1m]) > 0\"}]"));
    QList<AnnotationQuerySpec> queries;
    for (qsizetype i = 0; i < array.size(); ++i) {
        JsonObjectReader item = itemReader(
            array.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), QStringLiteral("a \"source\" and an \"expr\""));
        AnnotationQuerySpec query;
        const QString sourceKey = QStringLiteral("source");
        query.sourceId = item.nonEmptyString(sourceKey);
        const DataSourceSpec* source = sourceWithId(sources, query.sourceId);
        if (!source)
            failJson(item.path(sourceKey),
                QStringLiteral("no data source with id \"%1\" in \"sources\"").arg(query.sourceId));
        if (source->kind != DataSourceKind::Prometheus)
            failJson(item.path(sourceKey),
                QStringLiteral("\"%1\" is not a Prometheus data source; annotation queries are PromQL")
                    .arg(query.sourceId));
        query.expr = item.nonEmptyString(QStringLiteral("expr"));
        query.text = item.string(QStringLiteral("text"), false);
        query.tags = readTags(item);
        query.unknownFields = item.rest();
        queries << query;
    }
    return queries;
}

QJsonArray writeAnnotations(const QList<Annotation>& annotations)
{
    QJsonArray array;
    for (const Annotation& annotation : annotations) {
        QJsonObject object = annotation.unknownFields;
        object.insert(QStringLiteral("time"), utcTimeText(annotation.timeMs));
        if (annotation.isRange())
            object.insert(QStringLiteral("end"), utcTimeText(annotation.endMs));
        object.insert(QStringLiteral("text"), annotation.text);
        if (!annotation.tags.isEmpty())
            object.insert(QStringLiteral("tags"), tagsJson(annotation.tags));
        array.append(object);
    }
    return array;
}

QJsonArray writeAnnotationQueries(const QList<AnnotationQuerySpec>& queries)
{
    QJsonArray array;
    for (const AnnotationQuerySpec& query : queries) {
        QJsonObject object = query.unknownFields;
        object.insert(QStringLiteral("source"), query.sourceId);
        object.insert(QStringLiteral("expr"), query.expr);
        if (!query.text.isEmpty())
            object.insert(QStringLiteral("text"), query.text);
        if (!query.tags.isEmpty())
            object.insert(QStringLiteral("tags"), tagsJson(query.tags));
        array.append(object);
    }
    return array;
}

} // namespace perfdash
