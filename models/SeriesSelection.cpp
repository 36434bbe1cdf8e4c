#include "SeriesSelection.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace perfdash {

double worseOf(double a, double b, Direction direction)
{
    if (std::isnan(a))
        return b;
    if (std::isnan(b))
        return a;
    return direction == Direction::LowerIsBetter ? std::max(a, b) : std::min(a, b);
}

SeriesSelection selectSeries(
    QList<ReducedSeries> series, Direction direction, int maxSeries, const QSet<QString>& pinned)
{
    SeriesSelection selection;
    selection.total = series.size();
    selection.worst = std::nan("");
    for (const ReducedSeries& one : std::as_const(series))
        selection.worst = worseOf(selection.worst, one.value, direction);

    const qsizetype limit = std::max(1, maxSeries);
    // Pinned series first (in key order), as many as fit.
    if (!pinned.isEmpty()) {
        const auto firstUnpinned = std::stable_partition(
            series.begin(), series.end(), [&](const ReducedSeries& one) { return pinned.contains(one.key); });
        std::sort(series.begin(), firstUnpinned,
            [](const ReducedSeries& a, const ReducedSeries& b) { return a.key < b.key; });
        selection.pinnedDrawn = std::min<qsizetype>(limit, firstUnpinned - series.begin());
    }
    const auto worseFirst = [direction](const ReducedSeries& a, const ReducedSeries& b) {
        const bool aHas = !std::isnan(a.value);
        const bool bHas = !std::isnan(b.value);
        if (aHas != bHas)
            return aHas;
        if (aHas && a.value != b.value)
            return direction == Direction::LowerIsBetter ? a.value > b.value : a.value < b.value;
        return a.key < b.key;
    };
    const auto rest = series.begin() + selection.pinnedDrawn;
    const qsizetype wanted = std::min<qsizetype>(limit - selection.pinnedDrawn, series.end() - rest);
    // Only the drawn ones need an order: O(n log k) for k drawn of n.
    std::partial_sort(rest, rest + wanted, series.end(), worseFirst);
    selection.drawn.reserve(selection.pinnedDrawn + wanted);
    for (auto it = series.begin(); it != rest + wanted; ++it)
        selection.drawn << it->key;
    return selection;
}

QString SeriesSelection::describe(ScorecardReduce reduce) const
{
    if (drawn.size() >= total)
        return {};
    const QLocale english(QLocale::English);
    const QString by
        = reduce == ScorecardReduce::WindowPeak ? QStringLiteral("peak in the window") : QStringLiteral("latest value");
    const qsizetype worstDrawn = drawn.size() - pinnedDrawn;
    QString text = QStringLiteral("%1 series · drawing the %2 worst by %3")
                       .arg(english.toString(qlonglong(total)), english.toString(qlonglong(worstDrawn)), by);
    if (pinnedDrawn > 0)
        text += QStringLiteral(" · %1 pinned").arg(english.toString(qlonglong(pinnedDrawn)));
    return text;
}

} // namespace perfdash
