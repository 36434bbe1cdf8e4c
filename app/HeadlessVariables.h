#pragma once

#include "PanelSpec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QStringList>

namespace perfdash {

// A dashboard's variables, resolved once for a command without a toolbar (snapshot): what each $name
// stands for, and what went wrong on the way ("variable $job: the server has no values for it").
struct ResolvedVariables {
    QHash<QString, QString> substitutions;
    QHash<QString, QString> choices; // as panel titles show them
    QStringList problems;
};

// Asks each variable's server for its values over [fromMs, toMs], in order, keeping the saved choice when
// the server still offers it. Gives up when `clock` passes waitMs; unanswered variables keep their choice.
ResolvedVariables resolveVariablesOnce(const QList<DashboardVariable>& variables, const QList<DataSourceSpec>& sources,
    qint64 fromMs, qint64 toMs, const QElapsedTimer& clock, qint64 waitMs);

// --var NAME=VALUE: sets the variable's choice in `dashboard`. False with *error naming the problem.
bool applyVariableChoice(DashboardSpec& dashboard, const QString& assignment, QString* error);

} // namespace perfdash
