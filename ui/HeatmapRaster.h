#pragma once

#include "HeatmapColorMap.h"
#include "HistogramColumn.h"

#include <QImage>
#include <QPointF>
#include <QSize>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace perfdash {

// One drawn cell of a heatmap, for the crosshair's tooltip.
struct HeatmapCell {
    qsizetype column = -1; // index into HistogramFrames::columns
    qsizetype bucket = -1; // index into that column's values
    qint64 timeMs = 0; // the column's time (real unix ms): the end of the window its rate covers
    double lower = 0; // the bucket (lower, upper]
    double upper = 0;
    double value = 0;
    double share = 0; // value ÷ the column's total, 0..1
};

// The cells of a histogram heatmap as an image the size of a plot area, with no Qt Charts type in sight:
// the heatmap layer paints it over a chart, tests and benchmarks call it directly.
//
// Columns: column i spans (start, timeMs], start being the previous column's time, or timeMs − stepMs for
// the first column and after a gap (Prometheus' rate at t covers the window before t). Columns further apart
// than 1.5 steps leave the steps between them empty. Each column takes the pixel columns between its rounded
// ends, at least one; where several columns fall on one pixel column (1,000 columns on 800 px), the pixel
// shows the largest value of each row, so a one-step spike never disappears between pixels. Buckets map to
// pixel rows the same way, through the value mapping; a bucket thinner than a pixel still takes one row.
//
// Colours: heatmapColor() at heatmapColorPosition(value, frames.maxValue(), mode); zero, negative and NaN
// cells stay transparent.
class HeatmapRaster {
public:
    void setFrames(HistogramFrames frames);
    const HistogramFrames& frames() const { return m_frames; }
    // What the time axis shows at the image's left and right edges, and what it adds to real times (the
    // values PanelChart::setTimeRange and setTimeShiftMs get): a column at real t is drawn at t + shiftMs.
    void setTimeRange(double axisFromMs, double axisToMs, double shiftMs);
    // The value axis' range at the image's bottom and top, in axis units, and how a bucket bound becomes
    // axis units (identity for a linear axis, log10 for a log one). A bound of −Inf, or one toAxis maps to
    // no finite number (log10 of 0), goes to the bottom; +Inf to the top; the rest is clamped to the range.
    void setValueMapping(double axisMin, double axisMax, std::function<double(double)> toAxis);
    void setColorMode(HeatmapColorMode mode);
    HeatmapColorMode colorMode() const { return m_colorMode; }
    void setSize(const QSize& size);
    QSize size() const { return m_size; }

    // The cells as they are now, ARGB32 premultiplied, transparent where nothing is drawn; rendered again only
    // after one of the setters changed something.
    const QImage& image();
    // The cell drawn at position (image pixels), the one of largest value where several share the pixel;
    // nullopt where nothing is drawn (a gap, a zero or NaN cell, outside).
    std::optional<HeatmapCell> cellAt(const QPointF& position) const;
    // How many times image() has rendered (for tests of the cache).
    int renderCount() const { return m_renderCount; }

private:
    struct Span {
        int begin = 0; // pixel columns or rows [begin, end)
        int end = 0;
    };
    // Pixel columns per frames column, and pixel rows per bucket per distinct bound layout: what render()
    // and cellAt() share, computed again when frames, range, mapping or size change.
    void ensureLayout() const;
    std::vector<Span> bucketRows(const QList<double>& bounds) const;
    double rowOf(double bound) const;
    std::uint8_t levelOf(double value) const;
    void render();

    HistogramFrames m_frames;
    qint64 m_stepMs = 0;
    double m_axisFromMs = 0;
    double m_axisToMs = 0;
    double m_shiftMs = 0;
    double m_axisMin = 0;
    double m_axisMax = 1;
    std::function<double(double)> m_toAxis = [](double bound) { return bound; };
    HeatmapColorMode m_colorMode = HeatmapColorMode::Sqrt;
    QSize m_size;
    double m_maxValue = 0;
    double m_inverseMax = 0;

    mutable bool m_layoutValid = false;
    mutable std::vector<Span> m_columnSpans;
    mutable std::vector<std::vector<Span>> m_layouts;
    mutable std::vector<int> m_layoutOfColumn;
    bool m_imageValid = false;
    QImage m_image;
    std::vector<std::uint8_t> m_levels; // column-major, one colour level per pixel (0: nothing)
    int m_renderCount = 0;
};

} // namespace perfdash
