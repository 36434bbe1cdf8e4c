#include "TimeAxisTicks.h"

namespace perfdash {

TimeAxisTicks liveTimeAxisTicks(qint64 spanMs)
{
    int intervals = 4;
    for (const int candidate : { 4, 5, 3, 6, 2 }) {
        if (spanMs % (candidate * 1000) == 0) {
            intervals = candidate;
            break;
        }
    }
    const qint64 tickSpacingMs = spanMs / intervals;
    return { intervals + 1, tickSpacingMs % 1000 == 0 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm:ss.zzz") };
}

TimeAxisTicks queryTimeAxisTicks(qint64 spanMs)
{
    return { 5, spanMs > 6 * 3600 * 1000 ? QStringLiteral("dd HH:mm") : QStringLiteral("HH:mm:ss") };
}

} // namespace perfdash
