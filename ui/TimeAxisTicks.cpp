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
    // Milliseconds only where they tell something: ticks under 10 s apart that fall between seconds (a
    // wheel zoom's range); a zoomed day reads better with its date.
    if (spanMs > 6 * 3600 * 1000)
        return { intervals + 1, QStringLiteral("dd HH:mm") };
    const bool wholeSeconds = tickSpacingMs % 1000 == 0 || spanMs >= 10'000;
    return { intervals + 1, wholeSeconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm:ss.zzz") };
}

TimeAxisTicks queryTimeAxisTicks(qint64 spanMs)
{
    return { 5, spanMs > 6 * 3600 * 1000 ? QStringLiteral("dd HH:mm") : QStringLiteral("HH:mm:ss") };
}

} // namespace perfdash
