#include "DashboardVariable.h"

#include <QRegularExpression>
#include <QSet>

namespace perfdash {

std::optional<LabelValuesQuery> parseLabelValuesQuery(const QString& query)
{
    static const QRegularExpression call(QStringLiteral(R"(^\s*label_values\s*\((.*)\)\s*$)"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = call.match(query);
    if (!match.hasMatch())
        return std::nullopt;
    const QString arguments = match.captured(1).trimmed();
    // The label is the last argument; the selector before it may hold commas of its own ({a="x",b="y"}).
    const qsizetype comma = arguments.lastIndexOf(u',');
    LabelValuesQuery result;
    result.label = (comma < 0 ? arguments : arguments.mid(comma + 1)).trimmed();
    result.match = comma < 0 ? QString() : arguments.left(comma).trimmed();
    static const QRegularExpression labelName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (!labelName.match(result.label).hasMatch())
        return std::nullopt;
    return result;
}

QStringList variableOptions(const QStringList& serverValues, const QString& regex, QString* problem)
{
    QString pattern = regex.trimmed();
    if (pattern.size() >= 2 && pattern.startsWith(u'/') && pattern.lastIndexOf(u'/') > 0)
        pattern = pattern.mid(1, pattern.lastIndexOf(u'/') - 1); // "/re/" (flags after the slash are ignored)
    QRegularExpression filter(pattern);
    if (!pattern.isEmpty() && !filter.isValid()) {
        if (problem)
            *problem = QStringLiteral("regex \"%1\" is not valid: %2").arg(regex, filter.errorString());
        pattern.clear();
    }
    QSet<QString> seen;
    QStringList options;
    for (const QString& value : serverValues) {
        QString option = value;
        if (!pattern.isEmpty()) {
            const QRegularExpressionMatch match = filter.match(value);
            if (!match.hasMatch())
                continue;
            if (filter.captureCount() > 0)
                option = match.captured(1);
        }
        if (!option.isEmpty() && !seen.contains(option)) {
            seen.insert(option);
            options << option;
        }
    }
    options.sort();
    return options;
}

namespace {
    // RE2's metacharacters only, so "host:9100" stays readable in the query Prometheus logs.
    QString escapeRegex(const QString& value)
    {
        static const QString special = QStringLiteral(R"(\.+*?()|[]{}^$)");
        QString escaped;
        for (const QChar c : value) {
            if (special.contains(c))
                escaped += u'\\';
            escaped += c;
        }
        return escaped;
    }
}

QString variableSubstitution(const DashboardVariable& variable, const QString& choice, const QStringList& options)
{
    if (!variable.includeAll || choice != DashboardVariable::allChoice())
        return choice;
    if (!variable.allValue.isEmpty())
        return variable.allValue;
    QStringList escaped;
    for (const QString& option : options)
        escaped << escapeRegex(option);
    return escaped.size() == 1 ? escaped.constFirst() : QStringLiteral("(%1)").arg(escaped.join(u'|'));
}

QString initialChoice(const DashboardVariable& variable, const QStringList& options)
{
    if (variable.includeAll && variable.current == DashboardVariable::allChoice())
        return variable.current;
    if (options.contains(variable.current))
        return variable.current;
    if (variable.includeAll)
        return DashboardVariable::allChoice();
    return options.value(0);
}

} // namespace perfdash
