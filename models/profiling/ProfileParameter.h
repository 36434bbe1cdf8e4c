#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace perfdash {

// One tunable of a profiling workload: its name in `--set name=value` and in the JSON, its range or
// choices, and its default. The GUI builds its form from these, the CLI validates against them.
struct ProfileParameter {
    // Text: free text such as a file path; empty allowed.
    enum class Kind { Integer, Real, Choice, Text };

    QString name;
    Kind kind = Kind::Integer;
    QString defaultValue;
    double minimum = 0;
    double maximum = 0;
    QStringList choices; // Choice: the allowed values; Text: suggestions only
    QString help;
    // Text only: a stricter check than "no control characters", returning why a value is wrong.
    QString (*check)(const QString& text) = nullptr;

    // Empty when text is a valid value; otherwise why not, naming the parameter.
    QString validate(const QString& text) const;

    // "cache", "limiter", "retry", "pool".
    static QStringList components();
    static QString componentDescription(const QString& component);
    // Empty for an unknown component.
    static const QList<ProfileParameter>& forComponent(const QString& component);
};

} // namespace perfdash
