#include "NativeBucketSides.h"

namespace perfdash {

NativeBucketSides NativeBucketSides::of(const HistogramColumn& column)
{
    NativeBucketSides sides;
    for (qsizetype i = 0; i < column.values.size(); ++i) {
        if (column.values[i] == 0)
            continue;
        if (column.bounds[i + 1] <= 0)
            sides.negative = true;
        else if (column.bounds[i] >= 0)
            sides.positive = true;
    }
    return sides;
}

void NativeBucketSides::adjustZeroBucket(double& lower, double& upper) const
{
    if (!(lower < 0 && upper > 0))
        return;
    if (!negative && positive)
        lower = 0;
    else if (!positive && negative)
        upper = 0;
}

} // namespace perfdash
