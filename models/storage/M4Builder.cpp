#include "M4Builder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace perfdash {

M4Builder::M4Builder(TimeSeriesStore::DecimatedSeries& out, int columns)
    : m_out(out)
{
    // Typical chart widths in full; an absurd column count must not turn into a giant allocation.
    constexpr qsizetype maxReservedPoints = 4 * 8192;
    m_out.points.reserve(std::min(4 * qsizetype(columns), maxReservedPoints));
}

void M4Builder::startColumn(int column)
{
    flush();
    m_column = column;
}

void M4Builder::appendGap(qint64 timestampMs)
{
    if (!m_out.points.isEmpty() && std::isnan(m_out.points.last().y()))
        return;
    m_out.points.append(QPointF(double(timestampMs), std::numeric_limits<double>::quiet_NaN()));
}

void M4Builder::flush()
{
    if (m_gapBefore)
        appendGap(m_gapBeforeMs);
    const bool gapAfter = m_gapAfter;
    const qint64 gapAfterMs = m_gapAfterMs;
    m_gapBefore = m_gapAfter = false;
    if (m_current.empty)
        return;
    // first and last bound the column in time; only min and max need ordering.
    const bool minFirst = m_current.min.timestampMs <= m_current.max.timestampMs;
    const std::array<TimedValue, 4> corners { m_current.first, minFirst ? m_current.min : m_current.max,
        minFirst ? m_current.max : m_current.min, m_current.last };
    // Timestamps are unique within a series, so equal timestamps mean the same sample.
    for (std::size_t i = 0; i < corners.size(); ++i) {
        if (i == 0 || corners[i].timestampMs != corners[i - 1].timestampMs)
            m_out.points.append(QPointF(double(corners[i].timestampMs), corners[i].value));
    }
    if (!m_anyPoint || m_current.min.value < m_out.minValue)
        m_out.minValue = m_current.min.value;
    if (!m_anyPoint || m_current.max.value > m_out.maxValue)
        m_out.maxValue = m_current.max.value;
    m_anyPoint = true;
    m_current = FiniteExtremes();
    if (gapAfter)
        appendGap(gapAfterMs);
}

void M4Builder::finish()
{
    flush();
    m_column = -1;
}

} // namespace perfdash
