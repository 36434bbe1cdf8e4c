#pragma once

#include "ProfileRun.h"
#include "SweepSpec.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace perfdash {

// One metric at one point of a sweep: the median of the repetitions and their interquartile range.
struct SweepFigure {
    double median = qQNaN();
    double q1 = qQNaN();
    double q3 = qQNaN();
};

// The runs of one curve: one value of the series parameter (or the only curve when there is none), one
// run per sweep value, in the sweep's order.
struct SweepCurve {
    QString seriesValue;
    QList<ProfileRun> runs;
};

// A parameter sweep: a component run at each value of one parameter, with repetitions, optionally once per
// value of a choice parameter (one curve per policy). Written as JSON ("perfdash-sweep", version 1) and
// CSV; `perfdash sweep` prints toText().
class SweepResult {
public:
    QString component;
    // Every parameter of the runs but the swept and the series ones.
    QMap<QString, QString> fixedParameters;
    SweepSpec spec;
    QString seriesParameter; // empty: one curve
    QStringList values; // the swept parameter's values, as run
    QList<SweepCurve> curves;
    int repetitions = 0;
    QDateTime startedAt;
    bool cancelled = false;
    QString error;

    // NaN figures where the point has not run (yet) or does not report the metric.
    SweepFigure figure(const SweepCurve& curve, int point, const QString& metric) const;
    // Metric names any run reports, in ProfileMetric order.
    QStringList metricNames() const;
    int finishedPoints() const;
    int totalPoints() const { return int(values.size() * std::max<qsizetype>(curves.size(), 1)); }

    // The point of diminishing returns of a rising or falling curve (Kneedle: the point furthest above the
    // chord of the normalised curve, on a log axis for log sweeps); nullopt for a straight or flat curve.
    std::optional<int> knee(const SweepCurve& curve, const QString& metric) const;

    QJsonObject toJson() const;
    // series, parameter value, metric, median, q1, q3, repetitions: one row per point and metric.
    QByteArray toCsv() const;
    QString toText() const;
};

} // namespace perfdash
