#include "GapSegments.h"

#include <cmath>
#include <limits>
#include <utility>

namespace perfdash {

QList<QList<QPointF>> splitAtGaps(const QList<QPointF>& points, double stepMs)
{
    QList<QList<QPointF>> runs;
    QList<QPointF> current;
    const double maxDistance = stepMs > 0 ? stepMs * 1.5 : std::numeric_limits<double>::infinity();
    for (const QPointF& point : points) {
        if (!std::isfinite(point.y())) {
            if (!current.isEmpty())
                runs << std::exchange(current, {});
            continue;
        }
        if (!current.isEmpty() && point.x() - current.constLast().x() > maxDistance)
            runs << std::exchange(current, {});
        current << point;
    }
    if (!current.isEmpty())
        runs << current;
    return runs;
}

} // namespace perfdash
