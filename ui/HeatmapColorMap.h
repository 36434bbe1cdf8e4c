#pragma once

#include <QPalette>
#include <QRgb>
#include <QString>

class QPainter;
class QRectF;

namespace perfdash {

// How a bucket's value becomes a place on the colour map, from 0 (no observations) to the frames' largest
// value. Sqrt is the default (Grafana's heatmap defaults to the same, an exponent of 0.5): a latency histogram
// puts most observations into one or two buckets, and a linear map paints the rest of the distribution in
// the map's bottom colour, where its tail (the part a heatmap is opened for) cannot be told apart. Log
// spreads three decades below the maximum over the map, for a tail that is 1,000 times rarer still.
enum class HeatmapColorMode { Linear, Sqrt, Log };

// Where value lies on the colour map, 0..1 (0 for zero, negative and NaN values; values at or above
// maxValue give 1; under Log, values more than three decades below maxValue give 0).
double heatmapColorPosition(double value, double maxValue, HeatmapColorMode mode);

// The colour at position 0..1 of the heatmap's sequential map: dark blue-violet through teal and green to
// yellow, after matplotlib's viridis, whose lightness rises steadily and which readers with any common
// colour-vision deficiency see in the same order. Opaque.
QRgb heatmapColor(double position);

// The colour scale of a heatmap, as a vertical bar with 3 to 5 ticks labelled in unitText ("0", "12 /s",
// "24 /s"; under Log the powers of ten, "0.1 /s" … "100 /s"), the maximum at the top; ticks sit where their
// values fall under mode. Plain QPainter calls, so
// it draws the same on screen, into a QImage, a QSvgGenerator or a QPdfWriter. Labels take the palette's
// text colour and the painter's font; rect is the whole area (bar and labels). Draws only the empty bar
// when maxValue is not positive.
void paintHeatmapColorScale(QPainter& painter, const QRectF& rect, double maxValue, const QString& unitText,
    const QPalette& palette, HeatmapColorMode mode = HeatmapColorMode::Sqrt);
// The width paintHeatmapColorScale needs for the bar and its widest label in a font (under any colour mode).
double heatmapColorScaleWidth(const QFont& font, double maxValue, const QString& unitText);

} // namespace perfdash
