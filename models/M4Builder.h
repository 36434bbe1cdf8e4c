#pragma once

#include "FiniteExtremes.h"
#include "TimeSeriesStore.h"

#include <cstddef>

namespace perfdash {

// Collects M4 column extremes in time order and writes each finished column's distinct points
// (first, min, max, last sorted by time) into a DecimatedSeries.
class M4Builder {
public:
    explicit M4Builder(TimeSeriesStore::DecimatedSeries& out, int columns);

    // Columns must not decrease from one call to the next.
    void addPoint(int column, qint64 timestampMs, double value)
    {
        if (column != m_column)
            startColumn(column);
        m_current.add(timestampMs, value);
    }
    void addExtremes(int column, const FiniteExtremes& extremes)
    {
        if (column != m_column)
            startColumn(column);
        m_current.merge(extremes);
    }
    void addNonFinite(std::size_t count) { m_out.nonFiniteCount += count; }
    // What the column holds so far, or nullptr when nothing (then it is not the current column yet).
    const FiniteExtremes* columnSoFar(int column) const
    {
        return column == m_column && !m_current.empty ? &m_current : nullptr;
    }

    void finish();

private:
    void startColumn(int column);
    void flush();

    TimeSeriesStore::DecimatedSeries& m_out;
    FiniteExtremes m_current;
    int m_column = -1;
    bool m_anyPoint = false;
};

} // namespace perfdash
