#include "BoxFigures.h"

#include "Quantiles.h"

#include <algorithm>
#include <vector>

namespace perfdash {

BoxFigures BoxFigures::of(const QList<double>& values)
{
    BoxFigures figures;
    if (values.isEmpty())
        return figures;
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    figures.min = sorted.front();
    figures.q1 = Quantiles::ofSorted(sorted, 0.25);
    figures.median = Quantiles::ofSorted(sorted, 0.5);
    figures.q3 = Quantiles::ofSorted(sorted, 0.75);
    figures.max = sorted.back();
    return figures;
}

} // namespace perfdash
