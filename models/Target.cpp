#include "Target.h"

#include <cmath>
#include <limits>

namespace perfdash {

TargetEvaluation evaluateTarget(const TargetSpec& spec, double current)
{
    TargetEvaluation result;
    if (std::isnan(current)) {
        result.changeVsBaselinePercent = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    result.met = spec.direction == Direction::LowerIsBetter ? current < spec.target : current > spec.target;
    if (spec.baseline == 0.0 || !spec.hasBaseline() || !std::isfinite(current)) {
        result.changeVsBaselinePercent = std::numeric_limits<double>::quiet_NaN();
    } else {
        result.changeVsBaselinePercent = (current - spec.baseline) / std::abs(spec.baseline) * 100.0;
    }
    result.improved = spec.direction == Direction::LowerIsBetter ? current < spec.baseline : current > spec.baseline;
    return result;
}

QString directionSymbol(Direction direction)
{
    return direction == Direction::LowerIsBetter ? QStringLiteral("<") : QStringLiteral(">");
}

} // namespace perfdash
