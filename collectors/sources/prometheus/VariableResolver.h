#pragma once

#include "DashboardVariable.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace perfdash {

class PrometheusClient;

// Fills a dashboard's variables from their Prometheus sources, as Grafana does on load: each variable's label
// values in order, with the choices made before it substituted in its query, so that
// label_values(node_uname_info{job="$job"}, instance) lists the chosen job's instances. A variable whose
// server cannot answer keeps its saved choice and says why.
class VariableResolver : public QObject {
    Q_OBJECT
public:
    using ClientLookup = std::function<PrometheusClient*(const QString& sourceId)>;
    // A variable offers at most this many values (a label of 100k values is a bad variable); the rest are
    // counted in its problem.
    static constexpr int maxOptions = 5'000;

    explicit VariableResolver(ClientLookup clients, QObject* parent = nullptr);

    void setVariables(const QList<DashboardVariable>& variables);
    // The range label values are asked over (the dashboard's).
    void setTimeRange(qint64 fromMs, qint64 toMs);
    // Asks the servers again, from the first variable.
    void resolve();
    // Selects a value of variable `name` (or DashboardVariable::allChoice()); the variables after it are
    // asked again, their lists may depend on it.
    void choose(const QString& name, const QString& choice);

    // The variables with their current choices.
    QList<DashboardVariable> variables() const;
    QStringList options(int index) const { return m_states.value(index).options; }
    QString choice(int index) const { return m_states.value(index).choice; }
    // Why variable `index` has no (or not all) values: its server's error, a bad regex, too many values.
    QString problem(int index) const { return m_states.value(index).problem; }
    // What each $name stands for now (variableSubstitution), for the query runner.
    QHash<QString, QString> substitutions() const;
    // What each $name reads as for a person (panel titles): the choice, "All" for All.
    QHash<QString, QString> choices() const;
    bool isResolving() const { return m_resolving; }

Q_SIGNALS:
    // Variable `index` has new options, a new choice or a new problem.
    void variableChanged(int index);
    // A pass over the variables finished: substitutions() is current.
    void resolved();

private:
    struct State {
        QStringList options;
        QString choice;
        QString problem;
    };
    void resolveFrom(int index);
    void finishVariable(int index, quint64 generation, const QStringList& values, const QString& problem);

    ClientLookup m_clients;
    QList<DashboardVariable> m_variables;
    QList<State> m_states;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    quint64 m_generation = 0;
    bool m_resolving = false;
};

} // namespace perfdash
