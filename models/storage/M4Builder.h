#pragma once

#include "FiniteExtremes.h"
#include "TimeSeriesStore.h"

#include <cstddef>

namespace perfdash {

// Collects M4 column extremes in time order and writes each finished column's distinct points
// (first, min, max, last sorted by time) into a DecimatedSeries. Non-finite samples (NaN, ±Inf) are gaps:
// a NaN point goes before a column's points when a gap precedes its first finite sample (at the first
// gap's time), and after them when one follows its last (at the last gap's time), so the line breaks there
// and nowhere else; a gap inside a column is inside one pixel and not drawn. Never two gap points in a row.
class M4Builder {
public:
    explicit M4Builder(TimeSeriesStore::DecimatedSeries& out, int columns);

    // Columns must not decrease from one call to the next.
    void addPoint(int column, qint64 timestampMs, double value)
    {
        if (column != m_column)
            startColumn(column);
        m_current.add(timestampMs, value);
        m_gapAfter = false;
    }
    void addExtremes(int column, const FiniteExtremes& extremes)
    {
        if (column != m_column)
            startColumn(column);
        m_current.merge(extremes);
        m_gapAfter = m_gapAfter && extremes.empty;
    }
    void addNonFinite(std::size_t count) { m_out.nonFiniteCount += count; }
    // A non-finite sample at timestampMs (count it with addNonFinite()).
    void addGap(int column, qint64 timestampMs)
    {
        if (column != m_column)
            startColumn(column);
        if (!m_current.empty) {
            m_gapAfter = true;
            m_gapAfterMs = timestampMs;
        } else if (!m_gapBefore) {
            m_gapBefore = true;
            m_gapBeforeMs = timestampMs;
        }
    }
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
    void appendGap(qint64 timestampMs);

    FiniteExtremes m_current;
    int m_column = -1;
    bool m_anyPoint = false;
    bool m_gapBefore = false;
    bool m_gapAfter = false;
    qint64 m_gapBeforeMs = 0;
    qint64 m_gapAfterMs = 0;
};

} // namespace perfdash
