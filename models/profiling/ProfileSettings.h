#pragma once

#include <QMap>
#include <QString>
#include <optional>

namespace perfdash {

// A component and a full, validated set of its workload parameters (defaults filled in).
class ProfileSettings {
public:
    // Starts from the defaults and applies overrides. nullopt with *error naming the bad or unknown
    // parameter (and listing the known ones) when anything is wrong.
    static std::optional<ProfileSettings> make(
        const QString& component, const QMap<QString, QString>& overrides, QString* error);
    // Parses "name=value" assignments, as `--set` gives them.
    static std::optional<QMap<QString, QString>> parseAssignments(const QStringList& assignments, QString* error);

    const QString& component() const { return m_component; }
    const QMap<QString, QString>& values() const { return m_values; }
    QString text(const QString& name) const { return m_values.value(name); }
    qint64 integer(const QString& name) const { return m_values.value(name).toLongLong(); }
    double real(const QString& name) const { return m_values.value(name).toDouble(); }

    bool operator==(const ProfileSettings&) const = default;

private:
    QString m_component;
    QMap<QString, QString> m_values;
};

} // namespace perfdash
