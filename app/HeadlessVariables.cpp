#include "HeadlessVariables.h"

#include "PrometheusClient.h"
#include "StreamCollection.h"
#include "VariableResolver.h"

#include <unordered_map>

namespace perfdash {

ResolvedVariables resolveVariablesOnce(const QList<DashboardVariable>& variables, const QList<DataSourceSpec>& sources,
    qint64 fromMs, qint64 toMs, const QElapsedTimer& clock, qint64 waitMs)
{
    ResolvedVariables result;
    if (variables.isEmpty())
        return result;
    std::unordered_map<QString, std::unique_ptr<PrometheusClient>> clients;
    for (const DataSourceSpec& source : sources) {
        if (source.kind == DataSourceKind::Prometheus)
            clients[source.id] = std::make_unique<PrometheusClient>(source);
    }
    VariableResolver resolver([&clients](const QString& sourceId) {
        const auto it = clients.find(sourceId);
        return it == clients.end() ? nullptr : it->second.get();
    });
    resolver.setVariables(variables);
    resolver.setTimeRange(fromMs, toMs);
    resolver.resolve();
    if (!waitFor(clock, waitMs, [&] { return !resolver.isResolving(); }))
        result.problems << QStringLiteral("the variables' values did not arrive within the wait; saved choices used");
    for (int index = 0; index < variables.size(); ++index) {
        const QString& name = variables[index].name;
        if (!resolver.problem(index).isEmpty())
            result.problems << QStringLiteral("variable $%1: %2").arg(name, resolver.problem(index));
        if (!variables[index].current.isEmpty() && resolver.choice(index) != variables[index].current)
            result.problems << QStringLiteral("variable $%1: \"%2\" is not among the server's values; \"%3\" is used")
                                   .arg(name, variables[index].current, resolver.choice(index));
    }
    result.substitutions = resolver.substitutions();
    result.choices = resolver.choices();
    return result;
}

bool applyVariableChoice(DashboardSpec& dashboard, const QString& assignment, QString* error)
{
    const qsizetype equals = assignment.indexOf(u'=');
    const QString name = assignment.left(equals).trimmed();
    if (equals <= 0) {
        *error = QStringLiteral("--var takes NAME=VALUE, not \"%1\"").arg(assignment);
        return false;
    }
    QStringList names;
    for (DashboardVariable& variable : dashboard.variables) {
        names << variable.name;
        if (variable.name == name) {
            variable.current = assignment.mid(equals + 1);
            return true;
        }
    }
    *error = names.isEmpty()
        ? QStringLiteral("--var %1: the dashboard \"%2\" has no variables").arg(name, dashboard.name)
        : QStringLiteral("--var %1: no such variable; the dashboard has %2").arg(name, names.join(QStringLiteral(", ")));
    return false;
}

} // namespace perfdash
