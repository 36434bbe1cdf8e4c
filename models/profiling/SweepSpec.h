#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace perfdash {

// One parameter varied over a range: `capacity=100..10000:log:12` is twelve points from 100 to 10,000
// spaced evenly on a log scale; `workers=1..16:lin:16` sixteen evenly spaced ones. Integer parameters
// round to whole numbers, and points that round to the same number are kept once.
struct SweepSpec {
    enum class Scale { Linear, Log };

    QString parameter;
    double from = 0;
    double to = 0;
    Scale scale = Scale::Linear;
    int points = 2;

    // Checked against the component's parameters (numeric, the range inside its bounds). Nullopt with
    // *error saying which part of the text is wrong.
    static std::optional<SweepSpec> parse(const QString& component, const QString& text, QString* error);

    // The values to run, as the parameter's text ("100", "152", …, or "0.25"), ascending.
    QStringList values(const QString& component) const;
    QString text() const;
};

// A choice parameter compared across a sweep: `policy=lru,tinylfu,sieve,s3fifo` draws one curve each.
struct SweepSeries {
    QString parameter;
    QStringList values;

    static std::optional<SweepSeries> parse(const QString& component, const QString& text, QString* error);
};

} // namespace perfdash
