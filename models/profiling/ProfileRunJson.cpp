#include "ProfileRunJson.h"

#include "ProfileMetric.h"
#include "ProfileParameter.h"
#include "NumberText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <cmath>

namespace perfdash {

namespace {
    const QLatin1String formatName("perfdash-profile-run");

    QJsonValue parameterValue(const ProfileParameter& parameter, const QString& text)
    {
        switch (parameter.kind) {
        case ProfileParameter::Kind::Integer:
            return QJsonValue(text.toLongLong());
        case ProfileParameter::Kind::Real:
            return QJsonValue(text.toDouble());
        case ProfileParameter::Kind::Choice:
        case ProfileParameter::Kind::Text:
            break;
        }
        return QJsonValue(text);
    }

    // Parameters may be numbers or strings in the file; validation is ProfileSettings' job.
    std::optional<QString> parameterText(const QJsonValue& value)
    {
        if (value.isString())
            return value.toString();
        if (value.isDouble()) {
            const double number = value.toDouble();
            if (std::floor(number) == number && std::abs(number) < 9.0e15)
                return QString::number(qint64(number));
            return QString::number(number, 'g', QLocale::FloatingPointShortest);
        }
        return std::nullopt;
    }

    QString typeName(const QJsonValue& value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("a boolean");
        case QJsonValue::Double:
            return QStringLiteral("a number");
        case QJsonValue::String:
            return QStringLiteral("a string");
        case QJsonValue::Array:
            return QStringLiteral("an array");
        case QJsonValue::Object:
            return QStringLiteral("an object");
        case QJsonValue::Undefined:
            break;
        }
        return QStringLiteral("nothing");
    }
}

QJsonObject ProfileRunJson::parameters(const ProfileRun& run)
{
    QJsonObject parameters;
    for (const ProfileParameter& parameter : ProfileParameter::forComponent(run.settings.component()))
        parameters.insert(parameter.name, parameterValue(parameter, run.settings.text(parameter.name)));
    return parameters;
}

QByteArray ProfileRunJson::write(const ProfileRun& run)
{
    return QJsonDocument(toObject(run)).toJson(QJsonDocument::Indented);
}

QJsonObject ProfileRunJson::toObject(const ProfileRun& run)
{
    const QJsonObject parameters = ProfileRunJson::parameters(run);

    QJsonArray repetitions;
    for (const RepetitionResult& repetition : run.repetitions) {
        QJsonObject metrics;
        for (auto it = repetition.metrics.begin(); it != repetition.metrics.end(); ++it) {
            metrics.insert(it.key(), jsonNumber(*it)); // NaN: the repetition could not measure it
        }
        repetitions.append(QJsonObject { { QStringLiteral("index"), repetition.index },
            { QStringLiteral("duration_ms"), repetition.durationMs }, { QStringLiteral("metrics"), metrics } });
    }

    QJsonObject root { { QStringLiteral("format"), formatName }, { QStringLiteral("version"), version },
        { QStringLiteral("component"), run.settings.component() }, { QStringLiteral("parameters"), parameters },
        { QStringLiteral("requested_repetitions"), run.requestedRepetitions },
        { QStringLiteral("started_at"), run.startedAt.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("cancelled"), run.cancelled }, { QStringLiteral("repetitions"), repetitions } };
    if (!run.notes.isEmpty())
        root.insert(QStringLiteral("notes"), QJsonArray::fromStringList(run.notes));
    return root;
}

std::optional<ProfileRun> ProfileRunJson::read(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not valid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("expected a JSON object at the top level");
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toString() != formatName) {
        *error = QStringLiteral("format: expected \"%1\", got %2")
                     .arg(formatName,
                         root.contains(QStringLiteral("format"))
                             ? QString::fromUtf8(QJsonDocument(QJsonArray { root.value(QStringLiteral("format")) })
                                                     .toJson(QJsonDocument::Compact))
                             : QStringLiteral("no \"format\" field"));
        return std::nullopt;
    }
    if (root.value(QStringLiteral("version")).toInt(-1) != version) {
        *error = QStringLiteral("version: this perfdash reads version %1 only").arg(version);
        return std::nullopt;
    }

    const QJsonValue parametersValue = root.value(QStringLiteral("parameters"));
    if (!parametersValue.isObject() && !parametersValue.isUndefined()) {
        *error = QStringLiteral("parameters: expected an object, got %1").arg(typeName(parametersValue));
        return std::nullopt;
    }
    QMap<QString, QString> overrides;
    const QJsonObject parameters = parametersValue.toObject();
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const auto text = parameterText(it.value());
        if (!text) {
            *error = QStringLiteral("parameters.%1: expected a number or a string, got %2")
                         .arg(it.key(), typeName(it.value()));
            return std::nullopt;
        }
        overrides.insert(it.key(), *text);
    }
    QString settingsError;
    const auto settings
        = ProfileSettings::make(root.value(QStringLiteral("component")).toString(), overrides, &settingsError);
    if (!settings) {
        const bool componentProblem = settingsError.startsWith(QStringLiteral("unknown component"));
        *error = (componentProblem ? QStringLiteral("component: ") : QStringLiteral("parameters: ")) + settingsError;
        return std::nullopt;
    }

    ProfileRun run;
    run.settings = *settings;
    run.requestedRepetitions = root.value(QStringLiteral("requested_repetitions")).toInt(0);
    run.startedAt = QDateTime::fromString(root.value(QStringLiteral("started_at")).toString(), Qt::ISODateWithMs);
    run.cancelled = root.value(QStringLiteral("cancelled")).toBool(false);
    // Optional: what went wrong without stopping the run (older files have none).
    const QJsonArray notes = root.value(QStringLiteral("notes")).toArray();
    for (const auto& note : notes) {
        if (note.isString())
            run.notes << note.toString();
    }

    const QJsonValue repetitionsValue = root.value(QStringLiteral("repetitions"));
    if (!repetitionsValue.isArray()) {
        *error = QStringLiteral("repetitions: expected an array, got %1").arg(typeName(repetitionsValue));
        return std::nullopt;
    }
    const QJsonArray repetitions = repetitionsValue.toArray();
    for (qsizetype i = 0; i < repetitions.size(); ++i) {
        const QString where = QStringLiteral("repetitions[%1]").arg(i);
        if (!repetitions[i].isObject()) {
            *error = where + QStringLiteral(": expected an object, got ") + typeName(repetitions[i]);
            return std::nullopt;
        }
        const QJsonObject object = repetitions[i].toObject();
        const QJsonValue metricsValue = object.value(QStringLiteral("metrics"));
        if (!metricsValue.isObject()) {
            *error = where + QStringLiteral(".metrics: expected an object, got ") + typeName(metricsValue);
            return std::nullopt;
        }
        RepetitionResult repetition;
        repetition.index = object.value(QStringLiteral("index")).toInt(int(i));
        repetition.durationMs = object.value(QStringLiteral("duration_ms")).toDouble(0);
        const QJsonObject metrics = metricsValue.toObject();
        for (auto it = metrics.begin(); it != metrics.end(); ++it) {
            if (!ProfileMetric::find(it.key())) {
                *error = QStringLiteral("%1.metrics.%2: unknown metric").arg(where, it.key());
                return std::nullopt;
            }
            const std::optional<double> number = numberFromJson(it.value());
            if (!number) {
                const QString got = it.value().isString()
                    ? QStringLiteral("the string \"%1\"").arg(it.value().toString().left(40))
                    : typeName(it.value());
                *error = QStringLiteral("%1.metrics.%2: expected a number, \"NaN\", \"+Inf\" or \"-Inf\", got %3")
                             .arg(where, it.key(), got);
                return std::nullopt;
            }
            repetition.metrics.insert(it.key(), *number);
        }
        run.repetitions << repetition;
    }
    if (run.requestedRepetitions < run.repetitions.size())
        run.requestedRepetitions = int(run.repetitions.size());
    return run;
}

} // namespace perfdash
