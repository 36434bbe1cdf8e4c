#pragma once

#include <QString>

#include <optional>

namespace perfdash {

enum class Direction { LowerIsBetter, HigherIsBetter };

// A performance goal from the seed's table: where we are (baseline) and where we must get (target).
struct TargetSpec {
    double baseline = 0.0;
    double target = 0.0;
    Direction direction = Direction::LowerIsBetter;

    bool operator==(const TargetSpec&) const = default;
};

struct TargetEvaluation {
    bool met = false;
    // Signed relative change of the current value against the baseline, in percent.
    // NaN when the baseline is zero or the current value is not finite.
    double changeVsBaselinePercent = 0.0;
    // True when the change is an improvement in the target's direction.
    bool improved = false;
};

// A target is met strictly: "< 1.6 s" is not met at exactly 1.6 s. NaN is never met.
TargetEvaluation evaluateTarget(const TargetSpec& spec, double current);

QString directionSymbol(Direction direction); // "<" or ">"

} // namespace perfdash
