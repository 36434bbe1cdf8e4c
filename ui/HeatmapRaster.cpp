#include "HeatmapRaster.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    constexpr int levelCount = 256; // level 0 draws nothing, 1..255 the colour map from bottom to top

    const std::array<QRgb, levelCount>& levelColors()
    {
        static const std::array<QRgb, levelCount> colors = [] {
            std::array<QRgb, levelCount> result {};
            result[0] = qRgba(0, 0, 0, 0);
            for (int level = 1; level < levelCount; ++level)
                result[level] = heatmapColor(double(level - 1) / (levelCount - 2)); // opaque: premultiplied as is
            return result;
        }();
        return colors;
    }
}

void HeatmapRaster::setFrames(HistogramFrames frames)
{
    m_frames = std::move(frames);
    m_maxValue = m_frames.maxValue();
    m_inverseMax = m_maxValue > 0 ? 1 / m_maxValue : 0;
    m_stepMs = m_frames.stepMs;
    if (m_stepMs <= 0) {
        // No step given: the closest two columns are one step apart.
        m_stepMs = std::numeric_limits<qint64>::max();
        for (qsizetype i = 1; i < m_frames.columns.size(); ++i) {
            const qint64 distance = m_frames.columns[i].timeMs - m_frames.columns[i - 1].timeMs;
            if (distance > 0)
                m_stepMs = std::min(m_stepMs, distance);
        }
        if (m_stepMs == std::numeric_limits<qint64>::max())
            m_stepMs = 0;
    }
    m_layoutValid = false;
    m_imageValid = false;
}

void HeatmapRaster::setTimeRange(double axisFromMs, double axisToMs, double shiftMs)
{
    if (axisFromMs == m_axisFromMs && axisToMs == m_axisToMs && shiftMs == m_shiftMs)
        return;
    m_axisFromMs = axisFromMs;
    m_axisToMs = axisToMs;
    m_shiftMs = shiftMs;
    m_layoutValid = false;
    m_imageValid = false;
}

void HeatmapRaster::setValueMapping(double axisMin, double axisMax, std::function<double(double)> toAxis)
{
    m_axisMin = axisMin;
    m_axisMax = axisMax;
    m_toAxis = toAxis ? std::move(toAxis) : [](double bound) { return bound; };
    m_layoutValid = false;
    m_imageValid = false;
}

void HeatmapRaster::setColorMode(HeatmapColorMode mode)
{
    if (mode == m_colorMode)
        return;
    m_colorMode = mode;
    m_imageValid = false; // the layout stays
}

void HeatmapRaster::setSize(const QSize& size)
{
    if (size == m_size)
        return;
    m_size = size;
    m_layoutValid = false;
    m_imageValid = false;
}

double HeatmapRaster::rowOf(double bound) const
{
    const double height = m_size.height();
    double axis = std::isinf(bound) ? bound : m_toAxis(bound);
    if (std::isnan(axis))
        axis = -std::numeric_limits<double>::infinity(); // log10 of a negative bound
    axis = std::clamp(axis, m_axisMin, m_axisMax); // ±Inf land on the range's ends
    return (m_axisMax - axis) / (m_axisMax - m_axisMin) * height;
}

std::vector<HeatmapRaster::Span> HeatmapRaster::bucketRows(const QList<double>& bounds) const
{
    const int height = m_size.height();
    std::vector<Span> rows(std::size_t(std::max<qsizetype>(0, bounds.size() - 1)));
    if (!(m_axisMax > m_axisMin) || height <= 0)
        return rows;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double top = rowOf(bounds[qsizetype(i) + 1]);
        const double bottom = rowOf(bounds[qsizetype(i)]);
        if (!(bottom > top))
            continue; // outside the axis' range (or not ascending)
        int begin = std::clamp(int(std::lround(top)), 0, height - 1);
        const int end = std::clamp(std::max(int(std::lround(bottom)), begin + 1), begin + 1, height);
        rows[i] = { begin, end };
    }
    return rows;
}

void HeatmapRaster::ensureLayout() const
{
    if (m_layoutValid)
        return;
    m_layoutValid = true;
    const qsizetype count = m_frames.columns.size();
    m_columnSpans.assign(std::size_t(count), Span {});
    m_layouts.clear();
    m_layoutOfColumn.assign(std::size_t(count), -1);
    const int width = m_size.width();
    const double spanMs = m_axisToMs - m_axisFromMs;
    if (width <= 0 || m_size.height() <= 0 || !(spanMs > 0))
        return;
    const double pixelsPerMs = width / spanMs;
    const auto xOf = [&](qint64 ms) { return (double(ms) + m_shiftMs - m_axisFromMs) * pixelsPerMs; };
    const QList<double>* previousBounds = nullptr;
    for (qsizetype i = 0; i < count; ++i) {
        const HistogramColumn& column = m_frames.columns[i];
        // Columns with one layout share their bounds (QList is implicitly shared): one comparison of
        // pointers, and each layout's rows are computed once.
        if (!previousBounds
            || (previousBounds->constData() != column.bounds.constData() && *previousBounds != column.bounds)) {
            m_layouts.push_back(bucketRows(column.bounds));
            previousBounds = &column.bounds;
        }
        m_layoutOfColumn[std::size_t(i)] = int(m_layouts.size()) - 1;

        const bool continues
            = i > 0 && m_stepMs > 0 && double(column.timeMs - m_frames.columns[i - 1].timeMs) <= 1.5 * double(m_stepMs);
        const qint64 startMs = continues ? m_frames.columns[i - 1].timeMs : column.timeMs - m_stepMs;
        const double left = xOf(startMs);
        const double right = xOf(column.timeMs);
        if (right < 0 || left >= width)
            continue;
        const int begin = std::clamp(int(std::lround(left)), 0, width - 1);
        const int end = std::clamp(std::max(int(std::lround(right)), begin + 1), begin + 1, width);
        m_columnSpans[std::size_t(i)] = { begin, end };
    }
}

std::uint8_t HeatmapRaster::levelOf(double value) const
{
    if (!(value > 0))
        return 0;
    // heatmapColorPosition() with the mode's branch and the division hoisted: this runs once per cell, and
    // the call, the division and lround() were half of a 200k-cell render.
    const double share = std::min(1.0, value * m_inverseMax);
    double position = share;
    if (m_colorMode == HeatmapColorMode::Sqrt)
        position = std::sqrt(share);
    else if (m_colorMode == HeatmapColorMode::Log)
        position = heatmapColorPosition(value, m_maxValue, m_colorMode);
    // position is in [0, 1], where adding 0.5 rounds correctly and costs less than lround().
    return std::uint8_t(1 + int(position * (levelCount - 2) + 0.5)); // NOLINT(bugprone-incorrect-roundings)
}

void HeatmapRaster::render()
{
    ++m_renderCount;
    m_imageValid = true;
    if (m_image.size() != m_size)
        m_image = QImage(m_size, QImage::Format_ARGB32_Premultiplied);
    if (m_size.isEmpty())
        return;
    ensureLayout();
    const int width = m_size.width();
    const int height = m_size.height();
    // Levels first, column-major so a frames column writes contiguous runs; a pixel shared by several
    // cells keeps the largest level, which the colour map's order makes the largest value.
    m_levels.assign(std::size_t(width) * std::size_t(height), 0);
    for (qsizetype i = 0; i < m_frames.columns.size(); ++i) {
        const Span span = m_columnSpans[std::size_t(i)];
        if (span.end <= span.begin)
            continue;
        const std::vector<Span>& rows = m_layouts[std::size_t(m_layoutOfColumn[std::size_t(i)])];
        const QList<double>& values = m_frames.columns[i].values;
        const std::size_t buckets = std::min(std::size_t(values.size()), rows.size());
        for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
            const std::uint8_t level = levelOf(values[qsizetype(bucket)]);
            const Span row = rows[bucket];
            if (level == 0 || row.end <= row.begin)
                continue;
            for (int x = span.begin; x < span.end; ++x) {
                std::uint8_t* pixel = m_levels.data() + std::size_t(x) * std::size_t(height);
                for (int y = row.begin; y < row.end; ++y)
                    pixel[y] = std::max(pixel[y], level);
            }
        }
    }
    const std::array<QRgb, levelCount>& colors = levelColors();
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(y));
        const std::uint8_t* level = m_levels.data() + y;
        for (int x = 0; x < width; ++x)
            line[x] = colors[level[std::size_t(x) * std::size_t(height)]];
    }
}

const QImage& HeatmapRaster::image()
{
    if (!m_imageValid)
        render();
    return m_image;
}

std::optional<HeatmapCell> HeatmapRaster::cellAt(const QPointF& position) const
{
    if (!(position.x() >= 0 && position.y() >= 0 && position.x() < m_size.width() && position.y() < m_size.height()))
        return std::nullopt;
    ensureLayout();
    const int x = int(position.x());
    const int y = int(position.y());
    std::optional<HeatmapCell> best;
    for (qsizetype i = 0; i < m_frames.columns.size(); ++i) {
        const Span span = m_columnSpans[std::size_t(i)];
        if (span.end <= span.begin || x < span.begin || x >= span.end)
            continue;
        const HistogramColumn& column = m_frames.columns[i];
        const std::vector<Span>& rows = m_layouts[std::size_t(m_layoutOfColumn[std::size_t(i)])];
        const std::size_t buckets = std::min(std::size_t(column.values.size()), rows.size());
        for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
            const double value = column.values[qsizetype(bucket)];
            if (y < rows[bucket].begin || y >= rows[bucket].end || !(value > 0) || (best && best->value >= value))
                continue;
            const double total = column.total();
            best = HeatmapCell { i, qsizetype(bucket), column.timeMs, column.bounds[qsizetype(bucket)],
                column.bounds[qsizetype(bucket) + 1], value, total > 0 ? value / total : 0 };
        }
    }
    return best;
}

} // namespace perfdash
