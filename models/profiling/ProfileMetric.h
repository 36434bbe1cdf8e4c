#pragma once

#include <QList>
#include <QString>

namespace perfdash {

// Which way a metric improves; the comparison turns it into "faster"/"slower" or "better"/"worse".
enum class MetricDirection { HigherIsBetter, LowerIsBetter, Informational };

// One metric a profiling run reports per repetition, under a stable name used in the JSON format.
struct ProfileMetric {
    QString name;
    QString label;
    QString unit;
    MetricDirection direction = MetricDirection::Informational;
    // Time-like metrics say "faster/slower"; the others "better/worse".
    bool speed = false;

    // Every metric any workload reports, in display order.
    static const QList<ProfileMetric>& all();
    static const ProfileMetric* find(const QString& name);
};

} // namespace perfdash
