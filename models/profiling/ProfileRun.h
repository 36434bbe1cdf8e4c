#pragma once

#include "ProfileSettings.h"

#include <QDateTime>
#include <QList>
#include <QMap>

namespace perfdash {

// The measurements of one repetition, keyed by ProfileMetric names.
struct RepetitionResult {
    int index = 0;
    double durationMs = 0;
    QMap<QString, double> metrics;
};

// A profiling run: what was run, and each repetition's measurements. Comparisons work on these.
struct ProfileRun {
    ProfileSettings settings;
    QList<RepetitionResult> repetitions;
    int requestedRepetitions = 0;
    QDateTime startedAt;
    bool cancelled = false;
    // Why the run stopped early when a workload failed (an unreadable key trace); empty otherwise.
    QString error;
    // What went wrong without stopping the run, once each (a Redis tier that was down: the run went on to the
    // backend and counted the errors).
    QStringList notes;

    // Names of the metrics present in every repetition, in ProfileMetric order.
    QStringList metricNames() const;
    QList<double> values(const QString& metric) const;
    double median(const QString& metric) const;
};

} // namespace perfdash
