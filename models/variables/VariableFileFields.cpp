#include "VariableFileFields.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace perfdash {

QList<DashboardVariable> readVariables(JsonObjectReader& dashboard, const QList<DataSourceSpec>& sources)
{
    const QString key = QStringLiteral("variables");
    if (!dashboard.has(key))
        return {};
    const QString path = dashboard.path(key);
    const QJsonValue value = dashboard.take(key);
    if (!value.isArray())
        failJson(path,
            QStringLiteral("expected a list like [{\"name\": \"job\", \"source\": \"prom\", \"query\": "
                           "\"label_values(up, job)\"}]"));
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QList<DashboardVariable> variables;
    QSet<QString> names;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!array.at(i).isObject())
            failJson(itemPath, QStringLiteral("expected an object with a \"name\", a \"source\" and a \"query\""));
        JsonObjectReader item(array.at(i).toObject(), itemPath);
        DashboardVariable variable;
        variable.name = item.nonEmptyString(QStringLiteral("name"));
        if (!namePattern.match(variable.name).hasMatch() || variable.name.startsWith(QStringLiteral("__")))
            failJson(item.path(QStringLiteral("name")),
                QStringLiteral("use letters, digits and '_', not starting with a digit or \"__\" (Grafana's built-ins)"));
        if (names.contains(variable.name))
            failJson(item.path(QStringLiteral("name")), QStringLiteral("\"%1\" is used twice").arg(variable.name));
        names.insert(variable.name);
        variable.label = item.string(QStringLiteral("label"), false);
        variable.sourceId = item.nonEmptyString(QStringLiteral("source"));
        const auto source = std::find_if(sources.cbegin(), sources.cend(),
            [&](const DataSourceSpec& candidate) { return candidate.id == variable.sourceId; });
        if (source == sources.cend() || source->kind != DataSourceKind::Prometheus)
            failJson(item.path(QStringLiteral("source")),
                QStringLiteral("no Prometheus data source with id \"%1\" in \"sources\"").arg(variable.sourceId));
        variable.query = item.nonEmptyString(QStringLiteral("query"));
        if (!parseLabelValuesQuery(variable.query))
            failJson(item.path(QStringLiteral("query")),
                QStringLiteral("expected label_values(label) or label_values(selector, label)"));
        variable.regex = item.string(QStringLiteral("regex"), false);
        QString regexProblem;
        variableOptions({}, variable.regex, &regexProblem);
        if (!regexProblem.isEmpty())
            failJson(item.path(QStringLiteral("regex")), regexProblem);
        variable.includeAll = item.boolean(QStringLiteral("includeAll"), false);
        variable.allValue = item.string(QStringLiteral("allValue"), false);
        variable.current = item.string(QStringLiteral("current"), false);
        variable.unknownFields = item.rest();
        variables << variable;
    }
    return variables;
}

QJsonArray writeVariables(const QList<DashboardVariable>& variables)
{
    QJsonArray array;
    for (const DashboardVariable& variable : variables) {
        QJsonObject object = variable.unknownFields;
        object.insert(QStringLiteral("name"), variable.name);
        if (!variable.label.isEmpty())
            object.insert(QStringLiteral("label"), variable.label);
        object.insert(QStringLiteral("source"), variable.sourceId);
        object.insert(QStringLiteral("query"), variable.query);
        if (!variable.regex.isEmpty())
            object.insert(QStringLiteral("regex"), variable.regex);
        if (variable.includeAll)
            object.insert(QStringLiteral("includeAll"), true);
        if (!variable.allValue.isEmpty())
            object.insert(QStringLiteral("allValue"), variable.allValue);
        if (!variable.current.isEmpty())
            object.insert(QStringLiteral("current"), variable.current);
        array.append(object);
    }
    return array;
}

} // namespace perfdash
