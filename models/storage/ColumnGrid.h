#pragma once

#include <QtGlobal>
#include <cstdint>
#include <limits>

namespace perfdash {

// Splits [fromMs, toMs] into `columns` pixel columns: timestamp t lies in column
// floor((t - from) * columns / (to - from + 1)). 128-bit arithmetic, so any qint64 range works.
class ColumnGrid {
public:
    ColumnGrid(qint64 fromMs, qint64 toMs, int columns)
        : m_from(fromMs)
        , m_to(toMs)
        , m_columns(unsigned(columns))
        , m_span(Wide(std::uint64_t(toMs) - std::uint64_t(fromMs)) + 1)
        // Usual ranges need no 128-bit division: span * (columns + 1) fits 64 bits.
        , m_narrow(m_span * (Wide(m_columns) + 1) <= Wide(std::numeric_limits<std::uint64_t>::max()))
    {
    }

    qint64 from() const { return m_from; }
    qint64 to() const { return m_to; }
    bool contains(qint64 timestampMs) const { return timestampMs >= m_from && timestampMs <= m_to; }

    // timestampMs must lie in [from, to].
    int columnOf(qint64 timestampMs) const
    {
        const std::uint64_t offset = std::uint64_t(timestampMs) - std::uint64_t(m_from);
        if (m_narrow)
            return int(offset * m_columns / std::uint64_t(m_span));
        return int(Wide(offset) * m_columns / m_span);
    }

    // Largest timestamp of the column (to for the last one).
    qint64 lastTimestampOf(int column) const
    {
        // Column c + 1 starts at offset ceil((c + 1) * span / columns).
        const unsigned next = unsigned(column) + 1;
        const std::uint64_t nextStart = m_narrow ? (next * std::uint64_t(m_span) + m_columns - 1) / m_columns
                                                 : std::uint64_t((Wide(next) * m_span + m_columns - 1) / m_columns);
        return qint64(std::uint64_t(m_from) + nextStart - 1);
    }

private:
    using Wide = unsigned __int128;

    qint64 m_from;
    qint64 m_to;
    unsigned m_columns;
    Wide m_span;
    bool m_narrow;
};

} // namespace perfdash
