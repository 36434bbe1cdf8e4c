// Row 1d of the table: a histogram panel's heatmap, 200 buckets × 1,000 steps on an 800×300 px plot (a
// day at 90 s steps, or 17 minutes at 1 s), drawn by HeatmapLayerItem against the plain QPainter way, one
// fillRect per cell, on the same cells and colours. The goal is a quarter of the 60 Hz frame: the panel
// still has its axes, legend and lines to paint.
#include "BenchSupport.h"
#include "HeatmapLayerItem.h"

#include <QImage>
#include <QPainter>
#include <cmath>
#include <limits>

using namespace perfdash;
using namespace perfdash::bench;

namespace {

const QSize plotSize(800, 300);
constexpr int bucketCount = 200;
constexpr int columnCount = 1000;
constexpr qint64 stepMs = 15'000;
constexpr qint64 startMs = 1'700'000'000'000;
const std::string section = "1d histogram heatmap (200 buckets × 1,000 steps, one 800×300 px plot)";
const std::string cells = "200k cells";

// Exponential buckets from 1 ms to about 20 s, as a native histogram would have them, on a log10 axis;
// per step a log-normal-ish latency distribution whose mode drifts, a slow tail, and empty buckets above it.
const HistogramFrames& frames()
{
    static const HistogramFrames result = [] {
        HistogramFrames frames;
        frames.stepMs = stepMs;
        QList<double> bounds;
        for (int i = 0; i <= bucketCount; ++i)
            bounds << 0.001 * std::pow(1.05, i);
        bounds.last() = std::numeric_limits<double>::infinity();
        for (int c = 0; c < columnCount; ++c) {
            HistogramColumn column;
            column.timeMs = startMs + (c + 1) * stepMs;
            column.bounds = bounds; // shared, as the parser shares one layout's bounds
            const double mode = 80 + 20 * std::sin(c / 60.0);
            for (int b = 0; b < bucketCount; ++b) {
                const double z = (b - mode) / 12.0;
                const double value = 400 * std::exp(-z * z / 2) + (b > mode ? 2 * std::exp(-(b - mode) / 30.0) : 0);
                column.values << (value < 0.05 ? 0 : value);
            }
            frames.columns << column;
        }
        return frames;
    }();
    return result;
}

constexpr double axisFrom = double(startMs);
constexpr double axisTo = double(startMs + columnCount * stepMs);
const double axisMin = std::log10(0.001);
const double axisMax = std::log10(0.001 * std::pow(1.05, bucketCount));
double toAxis(double bound) { return std::log10(bound); }

struct Plot {
    HeatmapLayerItem layer;
    QImage image { plotSize, QImage::Format_ARGB32_Premultiplied };

    Plot()
    {
        layer.setPlotArea(QRectF(QPointF(0, 0), plotSize));
        layer.setFrames(frames());
        layer.setTimeRange(axisFrom, axisTo, 0);
        layer.setValueMapping(axisMin, axisMax, toAxis);
    }
    void paint()
    {
        image.fill(Qt::white);
        QPainter painter(&image);
        layer.paint(&painter, nullptr, nullptr);
    }
};

void heatmapOursNewData(benchmark::State& state)
{
    Plot plot;
    for (auto _ : state) {
        plot.layer.setFrames(frames()); // new data: the cells are rendered again
        plot.paint();
    }
    rowLabel(state, section, cells + ", new data", "ours", "ms");
    setGoal(state, 4.0);
}

void heatmapOursRepaint(benchmark::State& state)
{
    Plot plot;
    for (auto _ : state)
        plot.paint(); // the crosshair moved: the cached image is drawn
    rowLabel(state, section, cells + ", repaint without changes", "ours", "ms");
    setGoal(state, 1.0);
}

// The plain way: every cell a fillRect, in the same colours (the same colour mode and map) and places.
void heatmapFillRectPerCell(benchmark::State& state, const std::string& row)
{
    QImage image(plotSize, QImage::Format_ARGB32_Premultiplied);
    const HistogramFrames& data = frames();
    for (auto _ : state) {
        image.fill(Qt::white);
        QPainter painter(&image);
        const double maxValue = data.maxValue();
        const double xScale = plotSize.width() / (axisTo - axisFrom);
        const double yScale = plotSize.height() / (axisMax - axisMin);
        for (const HistogramColumn& column : data.columns) {
            const double right = (double(column.timeMs) - axisFrom) * xScale;
            const double left = right - double(stepMs) * xScale;
            for (qsizetype b = 0; b < column.values.size(); ++b) {
                const double value = column.values[b];
                if (!(value > 0))
                    continue;
                const double lower = toAxis(column.bounds[b]);
                const double upper = std::isinf(column.bounds[b + 1]) ? axisMax : toAxis(column.bounds[b + 1]);
                const QRectF cell(
                    left, plotSize.height() - (upper - axisMin) * yScale, right - left, (upper - lower) * yScale);
                painter.fillRect(
                    cell, QColor(heatmapColor(heatmapColorPosition(value, maxValue, HeatmapColorMode::Sqrt))));
            }
        }
    }
    rowLabel(state, section, row, "baseline: one QPainter::fillRect per cell", "ms");
}

void heatmapBaselineNewData(benchmark::State& state) { heatmapFillRectPerCell(state, cells + ", new data"); }
void heatmapBaselineRepaint(benchmark::State& state)
{
    heatmapFillRectPerCell(state, cells + ", repaint without changes");
}

} // namespace

BENCHMARK(heatmapOursNewData)->Unit(benchmark::kMillisecond);
BENCHMARK(heatmapBaselineNewData)->Unit(benchmark::kMillisecond);
BENCHMARK(heatmapOursRepaint)->Unit(benchmark::kMillisecond);
BENCHMARK(heatmapBaselineRepaint)->Unit(benchmark::kMillisecond);
