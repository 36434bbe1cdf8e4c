#include "ProfileRun.h"

#include "ProfileMetric.h"
#include "Quantiles.h"

#include <cmath>

namespace perfdash {

QStringList ProfileRun::metricNames() const
{
    QStringList names;
    if (repetitions.isEmpty())
        return names;
    for (const ProfileMetric& metric : ProfileMetric::all()) {
        const bool everywhere = std::all_of(repetitions.begin(), repetitions.end(),
            [&](const RepetitionResult& repetition) { return repetition.metrics.contains(metric.name); });
        if (everywhere)
            names << metric.name;
    }
    return names;
}

QList<double> ProfileRun::values(const QString& metric) const
{
    QList<double> result;
    for (const RepetitionResult& repetition : repetitions) {
        const auto it = repetition.metrics.find(metric);
        if (it != repetition.metrics.end())
            result << *it;
    }
    return result;
}

double ProfileRun::median(const QString& metric) const { return Quantiles::of(values(metric), 0.5); }

} // namespace perfdash
