#pragma once

#include "ProfileMetric.h"
#include "ProfileRun.h"

#include <QStringList>
#include <optional>

namespace perfdash {

// One metric of a before/after comparison.
struct MetricComparison {
    ProfileMetric metric;
    double baseMedian = 0;
    double newMedian = 0;
    // (new − base) / |base|; NaN when the base median is 0.
    double relativeChange = 0;
    // Two-sided Mann–Whitney U over the repetitions.
    double pValue = 1;
    bool exact = false;
    // After Holm's correction over the metrics that have a direction, at the comparison's alpha.
    bool significant = false;
    // Significantly worse in the metric's direction.
    bool regression = false;
    // "faster, significant", "no detectable change", "worse, significant", …
    QString verdict;
};

// A run compared with a pinned baseline, metric by metric.
class RunComparison {
public:
    static constexpr int recommendedRepetitions = 9;

    // nullopt with *error when the runs cannot be compared (different components, no repetitions).
    static std::optional<RunComparison> compare(
        const ProfileRun& base, const ProfileRun& candidate, double alpha, QString* error);

    const QList<MetricComparison>& rows() const { return m_rows; }
    // Too few repetitions, cancelled runs, parameters that differ.
    const QStringList& notes() const { return m_notes; }
    double alpha() const { return m_alpha; }
    bool hasRegression() const;

    // The table `perfdash compare` prints.
    QString toText() const;

private:
    QList<MetricComparison> m_rows;
    QStringList m_notes;
    double m_alpha = 0.05;
};

} // namespace perfdash
