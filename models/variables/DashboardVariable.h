#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace perfdash {

// A dashboard-level choice that panel queries name as $name, filled from a Prometheus source's label values,
// like a Grafana query variable: label_values(node_uname_info{job="$job"}, instance). The toolbar shows it
// as a dropdown; the choice is saved with the dashboard.
struct DashboardVariable {
    QString name; // referenced as $name, ${name} or [[name]]
    QString label; // the dropdown's caption; empty = the name
    QString sourceId; // a Prometheus data source of the dashboard
    QString query; // label_values(label) or label_values(series selector, label)
    // Optional filter of the values, Grafana style: /regex/; a capture group takes part of each value.
    QString regex;
    bool includeAll = false; // offer "All"
    QString allValue; // what "All" substitutes; empty = the values as one regex alternation
    QString current; // the chosen value, or allChoice()
    // Fields of the dashboard file this version does not know, written back unchanged on save. Brace-initialised
    // so that aggregate initialisations leaving it out stay warning-free.
    QJsonObject unknownFields {};

    static QString allChoice() { return QStringLiteral("All"); }
    QString caption() const { return label.isEmpty() ? name : label; }
    bool operator==(const DashboardVariable&) const = default;
};

// label_values(label) or label_values(selector, label), the one query-variable function perfdash fills.
struct LabelValuesQuery {
    QString match; // series selector, may be empty
    QString label;
};
std::optional<LabelValuesQuery> parseLabelValuesQuery(const QString& query);

// The values a variable offers: the server's values through the variable's regex (a capture group, when
// there is one, is the value), without duplicates, sorted. An invalid regex is reported and filters nothing.
QStringList variableOptions(const QStringList& serverValues, const QString& regex, QString* problem = nullptr);

// What $name stands for in a query when `choice` is selected from `options`: the value itself, or for All the
// variable's allValue, else every option regex-escaped as (a|b|c), as Grafana formats a multi-value
// Prometheus variable. Panels use it inside =~ matchers.
QString variableSubstitution(const DashboardVariable& variable, const QString& choice, const QStringList& options);

// The choice to show: the saved one when the server still offers it, else All when offered, else the first.
QString initialChoice(const DashboardVariable& variable, const QStringList& options);

} // namespace perfdash
