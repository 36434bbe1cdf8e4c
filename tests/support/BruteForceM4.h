#pragma once

#include "GeneratedSeries.h"

#include <QList>
#include <QPointF>
#include <QString>

namespace perfdash::generated {

// The reference M4 the store must reproduce: for every column the first, smallest, largest and last
// finite sample (earliest on ties), distinct and in time order. Non-finite samples are gaps: a NaN point
// before the column's points when one precedes its first finite sample (at the first one's time), after
// them when one follows its last finite sample (at the last one's time), one for a column of gaps only (at
// its first); never two NaN points in a row.
inline TimeSeriesStore::DecimatedSeries bruteForceM4(const SeriesData& data, qint64 from, qint64 to, int columns)
{
    TimeSeriesStore::DecimatedSeries result;
    if (from > to || columns <= 0)
        return result;
    using Wide = unsigned __int128;
    const Wide span = Wide(std::uint64_t(to) - std::uint64_t(from)) + 1;
    auto columnOf
        = [&](qint64 t) { return int(Wide(std::uint64_t(t) - std::uint64_t(from)) * unsigned(columns) / span); };
    bool anyPoint = false;
    int column = -1;
    std::size_t first = 0, minIndex = 0, maxIndex = 0, last = 0;
    bool open = false;
    std::optional<qint64> gapBefore;
    std::optional<qint64> gapAfter;
    const auto appendGap = [&](qint64 t) {
        if (result.points.isEmpty() || !std::isnan(result.points.last().y()))
            result.points.append(QPointF(double(t), std::numeric_limits<double>::quiet_NaN()));
    };
    auto flush = [&] {
        if (gapBefore)
            appendGap(*gapBefore);
        const std::optional<qint64> after = gapAfter;
        gapBefore.reset();
        gapAfter.reset();
        if (!open)
            return;
        std::vector<std::size_t> indices { first, minIndex, maxIndex, last };
        std::sort(indices.begin(), indices.end());
        indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
        for (std::size_t index : indices)
            result.points.append(QPointF(double(data.timestamps[index]), data.values[index]));
        if (!anyPoint || data.values[minIndex] < result.minValue)
            result.minValue = data.values[minIndex];
        if (!anyPoint || data.values[maxIndex] > result.maxValue)
            result.maxValue = data.values[maxIndex];
        anyPoint = true;
        open = false;
        if (after)
            appendGap(*after);
    };
    for (std::size_t i = 0; i < data.timestamps.size(); ++i) {
        const qint64 t = data.timestamps[i];
        if (t < from || t > to)
            continue;
        const double v = data.values[i];
        const int c = columnOf(t);
        if (c != column) {
            flush();
            column = c;
        }
        if (!std::isfinite(v)) {
            ++result.nonFiniteCount;
            if (open)
                gapAfter = t;
            else if (!gapBefore)
                gapBefore = t;
            continue;
        }
        gapAfter.reset();
        if (!open) {
            first = minIndex = maxIndex = last = i;
            open = true;
            continue;
        }
        if (v < data.values[minIndex])
            minIndex = i;
        if (v > data.values[maxIndex])
            maxIndex = i;
        last = i;
    }
    flush();
    return result;
}

// QPointF's operator== is fuzzy; M4 must return the stored samples exactly.
inline bool samePoints(const QList<QPointF>& actual, const QList<QPointF>& expected, QString& mismatch)
{
    if (actual.size() != expected.size()) {
        mismatch = QStringLiteral("%1 points, expected %2").arg(actual.size()).arg(expected.size());
    }
    for (qsizetype i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        if (actual[i].x() != expected[i].x() || bitsOf(actual[i].y()) != bitsOf(expected[i].y())) {
            mismatch += QStringLiteral(" first difference at %1: (%2, %3) expected (%4, %5)")
                            .arg(i)
                            .arg(actual[i].x(), 0, 'g', 17)
                            .arg(actual[i].y(), 0, 'g', 17)
                            .arg(expected[i].x(), 0, 'g', 17)
                            .arg(expected[i].y(), 0, 'g', 17);
            return false;
        }
    }
    return mismatch.isEmpty();
}

} // namespace perfdash::generated
