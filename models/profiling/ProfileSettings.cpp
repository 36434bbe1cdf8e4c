#include "ProfileSettings.h"

#include "ProfileParameter.h"

#include <QStringList>

namespace perfdash {

std::optional<ProfileSettings> ProfileSettings::make(
    const QString& component, const QMap<QString, QString>& overrides, QString* error)
{
    const QList<ProfileParameter>& parameters = ProfileParameter::forComponent(component);
    if (parameters.isEmpty()) {
        *error = QStringLiteral("unknown component \"%1\" (known: %2)")
                     .arg(component, ProfileParameter::components().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    ProfileSettings settings;
    settings.m_component = component;
    QStringList known;
    for (const ProfileParameter& parameter : parameters) {
        settings.m_values.insert(parameter.name, parameter.defaultValue);
        known << parameter.name;
    }
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        const auto parameter = std::find_if(
            parameters.begin(), parameters.end(), [&](const ProfileParameter& p) { return p.name == it.key(); });
        if (parameter == parameters.end()) {
            *error = QStringLiteral("unknown parameter \"%1\" for component %2 (known: %3)")
                         .arg(it.key(), component, known.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        const QString problem = parameter->validate(it.value());
        if (!problem.isEmpty()) {
            *error = problem;
            return std::nullopt;
        }
        settings.m_values.insert(it.key(), it.value().trimmed());
    }
    return settings;
}

std::optional<QMap<QString, QString>> ProfileSettings::parseAssignments(const QStringList& assignments, QString* error)
{
    QMap<QString, QString> values;
    for (const QString& assignment : assignments) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0) {
            *error = QStringLiteral("--set takes name=value, not \"%1\"").arg(assignment);
            return std::nullopt;
        }
        values.insert(assignment.left(equals).trimmed(), assignment.mid(equals + 1));
    }
    return values;
}

} // namespace perfdash
