#include "VariableResolver.h"

#include "PrometheusClient.h"
#include "QueryExpansion.h"

#include <QDateTime>

namespace perfdash {

VariableResolver::VariableResolver(ClientLookup clients, QObject* parent)
    : QObject(parent)
    , m_clients(std::move(clients))
{
}

void VariableResolver::setVariables(const QList<DashboardVariable>& variables)
{
    m_variables = variables;
    m_states.clear();
    for (const DashboardVariable& variable : variables)
        m_states.append({ {}, variable.current, {} });
    ++m_generation; // answers for the old list are not for these
    m_resolving = false;
}

void VariableResolver::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;
}

void VariableResolver::resolve() { resolveFrom(0); }

void VariableResolver::choose(const QString& name, const QString& choice)
{
    for (int index = 0; index < m_variables.size(); ++index) {
        if (m_variables[index].name != name || m_states[index].choice == choice)
            continue;
        m_states[index].choice = choice;
        Q_EMIT variableChanged(index);
        resolveFrom(index + 1);
        return;
    }
}

QList<DashboardVariable> VariableResolver::variables() const
{
    QList<DashboardVariable> variables = m_variables;
    for (int index = 0; index < variables.size(); ++index)
        variables[index].current = m_states[index].choice;
    return variables;
}

QHash<QString, QString> VariableResolver::substitutions() const
{
    QHash<QString, QString> values;
    for (int index = 0; index < m_variables.size(); ++index)
        values.insert(m_variables[index].name,
            variableSubstitution(m_variables[index], m_states[index].choice, m_states[index].options));
    return values;
}

QHash<QString, QString> VariableResolver::choices() const
{
    QHash<QString, QString> values;
    for (int index = 0; index < m_variables.size(); ++index)
        values.insert(m_variables[index].name, m_states[index].choice);
    return values;
}

void VariableResolver::resolveFrom(int index)
{
    const quint64 generation = ++m_generation;
    if (index >= m_variables.size()) {
        m_resolving = false;
        Q_EMIT resolved();
        return;
    }
    m_resolving = true;
    const DashboardVariable& variable = m_variables[index];
    const std::optional<LabelValuesQuery> query = parseLabelValuesQuery(variable.query);
    PrometheusClient* client = m_clients ? m_clients(variable.sourceId) : nullptr;
    if (!query || !client) {
        finishVariable(index, generation, {},
            !query ? QStringLiteral("\"%1\" is not label_values(label) or label_values(selector, label)").arg(variable.query)
                   : QStringLiteral("no Prometheus source \"%1\" to ask (yet)").arg(variable.sourceId));
        return;
    }
    // Earlier choices are in scope: label_values(up{job="$job"}, instance).
    QueryExpansionScope scope;
    scope.values = substitutions();
    scope.rangeMs = m_toMs - m_fromMs;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 toMs = m_toMs > m_fromMs ? m_toMs : now;
    const qint64 fromMs = m_toMs > m_fromMs ? m_fromMs : now - 3600'000;
    client->labelValues(query->label, expandQuery(query->match, scope), fromMs, toMs, this,
        [this, index, generation](const PrometheusResponse& response) {
            finishVariable(index, generation, response.ok() ? response.strings : QStringList(),
                response.ok() ? QString() : response.message());
        });
}

void VariableResolver::finishVariable(int index, quint64 generation, const QStringList& values, const QString& problem)
{
    if (generation != m_generation || index >= m_states.size())
        return;
    State& state = m_states[index];
    state.problem = problem;
    if (problem.isEmpty()) {
        state.options = variableOptions(values, m_variables[index].regex, &state.problem);
        if (state.options.size() > maxOptions) {
            state.problem = QStringLiteral("%1 values; the first %2 are offered").arg(state.options.size()).arg(maxOptions);
            state.options.resize(maxOptions);
        }
        DashboardVariable variable = m_variables[index];
        variable.current = state.choice;
        state.choice = initialChoice(variable, state.options);
        if (state.options.isEmpty() && state.problem.isEmpty())
            state.problem = QStringLiteral("the server has no values for it");
    }
    Q_EMIT variableChanged(index);
    resolveFrom(index + 1);
}

} // namespace perfdash
