#include "HeatmapColorMap.h"

#include "NiceAxis.h"
#include "ValueFormat.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QRectF>
#include <algorithm>
#include <array>
#include <cmath>

namespace perfdash {

namespace {
    // Eleven evenly spaced samples of viridis (van der Walt and Smith, matplotlib 1.5); the colours between
    // them are interpolated linearly, which keeps the lightness ramp monotonic.
    constexpr std::array<QRgb, 11> viridisStops = { 0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
        0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725 };
    constexpr double logDecades = 3;
    constexpr double barWidth = 12;
    constexpr double tickLength = 4;
    constexpr double labelGap = 3;

    QList<double> tickValues(double maxValue, HeatmapColorMode mode)
    {
        if (mode == HeatmapColorMode::Log) {
            // The powers of ten of the three decades the map spans: 3 or 4 ticks, evenly apart.
            QList<double> ticks;
            for (double power = std::pow(10.0, std::ceil(std::log10(maxValue / 1000))); power <= maxValue * (1 + 1e-9);
                 power *= 10)
                ticks << power;
            return ticks;
        }
        // niceAxis over [0, max] with at most 4 intervals has a step of max/4 to max/2: 3 to 5 ticks ≤ max.
        const NiceAxis axis = niceAxis(0, maxValue, 4);
        const double step = (axis.max - axis.min) / std::max(1, axis.tickCount - 1);
        QList<double> ticks;
        for (int k = 0; step > 0 && k < 6 && k * step <= maxValue * (1 + 1e-9); ++k)
            ticks << k * step;
        return ticks;
    }

    QString tickText(double value, const QString& unitText)
    {
        return value == 0 ? QStringLiteral("0") : formatValue(value, unitText);
    }
}

double heatmapColorPosition(double value, double maxValue, HeatmapColorMode mode)
{
    if (!(value > 0) || !(maxValue > 0))
        return 0;
    const double share = std::min(1.0, value / maxValue);
    switch (mode) {
    case HeatmapColorMode::Linear:
        return share;
    case HeatmapColorMode::Sqrt:
        return std::sqrt(share);
    case HeatmapColorMode::Log:
        return std::max(0.0, 1 + std::log10(share) / logDecades);
    }
    return share;
}

QRgb heatmapColor(double position)
{
    const double scaled = std::clamp(std::isfinite(position) ? position : 0.0, 0.0, 1.0) * (viridisStops.size() - 1);
    const auto index = std::min(std::size_t(scaled), viridisStops.size() - 2);
    const double fraction = scaled - double(index);
    const QRgb from = viridisStops[index];
    const QRgb to = viridisStops[index + 1];
    const auto mix = [&](int a, int b) { return int(std::lround(a + (b - a) * fraction)); };
    return qRgb(mix(qRed(from), qRed(to)), mix(qGreen(from), qGreen(to)), mix(qBlue(from), qBlue(to)));
}

double heatmapColorScaleWidth(const QFont& font, double maxValue, const QString& unitText)
{
    const QFontMetricsF metrics(font);
    double widest = 0;
    // Wide enough for either kind of ticks, so switching the colour mode does not move the plot.
    for (const HeatmapColorMode mode : { HeatmapColorMode::Linear, HeatmapColorMode::Log })
        for (double tick : tickValues(maxValue > 0 ? maxValue : 1, mode))
            widest = std::max(widest, metrics.horizontalAdvance(tickText(tick, unitText)));
    return barWidth + tickLength + labelGap + widest;
}

void paintHeatmapColorScale(QPainter& painter, const QRectF& rect, double maxValue, const QString& unitText,
    const QPalette& palette, HeatmapColorMode mode)
{
    const QFontMetricsF metrics(painter.font());
    // Half a line of room above and below, so the top and bottom labels centre on the bar's ends.
    const double margin = std::ceil(metrics.height() / 2);
    const QRectF bar(rect.left(), rect.top() + margin, barWidth, std::max(0.0, rect.height() - 2 * margin));
    if (bar.height() <= 0)
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    // The gradient's stops follow the map itself (not the colour mode): position 0 at the bottom, 1 at the top.
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    constexpr int stops = 32;
    for (int i = 0; i <= stops; ++i)
        gradient.setColorAt(double(i) / stops, QColor(heatmapColor(double(i) / stops)));
    painter.fillRect(bar, maxValue > 0 ? QBrush(gradient) : palette.brush(QPalette::Window));
    QPen frame(palette.color(QPalette::Mid), 1);
    frame.setCosmetic(true);
    painter.setPen(frame);
    painter.drawRect(bar);
    if (maxValue > 0) {
        QPen text(palette.color(QPalette::Text), 1);
        text.setCosmetic(true);
        painter.setPen(text);
        double lastLabelTop = rect.bottom() + metrics.height(); // labels are placed bottom-up
        for (double tick : tickValues(maxValue, mode)) {
            const double y = bar.bottom() - heatmapColorPosition(tick, maxValue, mode) * bar.height();
            painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + tickLength, y));
            const QRectF label(bar.right() + tickLength + labelGap, y - metrics.height() / 2,
                rect.right() - bar.right() - tickLength - labelGap, metrics.height());
            // Under Sqrt and Log the upper ticks crowd together: a label that would overlap the one below
            // is left out (its tick stays).
            if (label.bottom() > lastLabelTop)
                continue;
            painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, tickText(tick, unitText));
            lastLabelTop = label.top();
        }
    }
    painter.restore();
}

} // namespace perfdash
