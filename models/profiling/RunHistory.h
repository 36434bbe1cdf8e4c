#pragma once

#include "ChangePoints.h"
#include "ProfileMetric.h"
#include "ProfileRun.h"

#include <QStringList>
#include <optional>

namespace perfdash {

// A run file of a history, and where it came from (its path), for messages and tables.
struct HistoryRun {
    QString source;
    ProfileRun run;
};

// A run that is not part of the analysis, and why: said out loud rather than dropped.
struct LeftOutRun {
    QString source;
    QString reason;
};

// One metric across the runs of a history: its median per run and the change points in them.
struct MetricHistory {
    ProfileMetric metric;
    // Indexes into RunHistory::runs() of the runs that report this metric, oldest first.
    QList<int> runIndexes;
    QList<double> medians;
    // ChangePoint::index counts in `medians`.
    QList<ChangePoint> changePoints;
    // Runs whose median is NaN or infinite, which the detector cannot place.
    QStringList nonFiniteSources;

    // The latest change point made the metric worse in its direction.
    bool latestSegmentRegressed() const;
};

// Run files of one component over time (CI artifacts, one per commit), ordered by when they started,
// each metric searched for change points (E-divisive means, ChangePoints.h).
class RunHistory {
public:
    // nullopt with *error when fewer than two runs can be analysed.
    static std::optional<RunHistory> analyse(QList<HistoryRun> runs, const ChangePointOptions& options, QString* error);

    const QString& component() const { return m_component; }
    const QList<HistoryRun>& runs() const { return m_runs; }
    const QList<LeftOutRun>& leftOut() const { return m_leftOut; }
    const QList<MetricHistory>& metrics() const { return m_metrics; }
    const ChangePointOptions& options() const { return m_options; }
    bool hasRegression() const;

    // The report `perfdash history` prints.
    QString toText() const;

private:
    QString m_component;
    QList<HistoryRun> m_runs;
    QList<LeftOutRun> m_leftOut;
    QList<MetricHistory> m_metrics;
    ChangePointOptions m_options;
};

} // namespace perfdash
