#pragma once

#include <QString>
#include <cmath>
#include <optional>

namespace perfdash {

enum class Direction { LowerIsBetter, HigherIsBetter };

// A performance goal from the seed's table: where we are (baseline) and where we must get (target).
struct TargetSpec {
    double baseline = 0.0;
    double target = 0.0;
    Direction direction = Direction::LowerIsBetter;

    // NaN target or baseline: none set yet (a panel imported from Grafana without a red threshold step).
    bool hasTarget() const { return std::isfinite(target); }
    bool hasBaseline() const { return std::isfinite(baseline); }
    // Two unset targets are the same target, so a dashboard without one still equals itself.
    bool operator==(const TargetSpec& other) const
    {
        const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
        return same(baseline, other.baseline) && same(target, other.target) && direction == other.direction;
    }
};

struct TargetEvaluation {
    bool met = false;
    // Signed relative change of the current value against the baseline, in percent.
    // NaN when the baseline is zero or the current value is not finite.
    double changeVsBaselinePercent = 0.0;
    // True when the change is an improvement in the target's direction.
    bool improved = false;
};

// A target is met strictly: "< 1.6 s" is not met at exactly 1.6 s. NaN is never met, and nothing meets a
// target that is not set. Without a baseline the change is NaN and nothing is "improved".
TargetEvaluation evaluateTarget(const TargetSpec& spec, double current);

QString directionSymbol(Direction direction); // "<" or ">"

} // namespace perfdash
