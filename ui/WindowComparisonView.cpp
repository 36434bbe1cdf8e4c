#include "WindowComparisonView.h"

#include "NiceAxis.h"
#include "Theme.h"
#include "ValueFormat.h"

#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    constexpr int maxSeriesDrawn = 4;

    QColor verdictColor(const SeriesWindowComparison& series, const Theme& theme)
    {
        if (!series.hasVerdict)
            return theme.warning;
        if (series.regressed)
            return theme.bad;
        if (series.improved)
            return theme.good;
        return theme.mutedText;
    }

    QString pText(double p) { return p < 0.0001 ? QStringLiteral("< 0.0001") : QString::number(p, 'g', 2); }
}

WindowComparisonView::WindowComparisonView(const QString& unit, QWidget* parent)
    : QWidget(parent)
    , m_unit(unit)
{
    setObjectName(QStringLiteral("windowComparison"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void WindowComparisonView::setComparison(const PanelWindowComparison& comparison)
{
    m_comparison = comparison;
    setToolTip(summaryLines().join(u'\n'));
    update();
}

QStringList WindowComparisonView::summaryLines() const
{
    QStringList lines;
    const TargetSpec& target = m_comparison.target;
    for (const SeriesWindowComparison& series : m_comparison.series) {
        // The change and the verdict first: a narrow panel cuts the end of the line.
        QString line = QStringLiteral("%1: %2 · %3")
                           .arg(series.series, formatPercentChange(series.relativeChange * 100), series.verdict);
        if (series.hasVerdict)
            line += QStringLiteral(" (Holm p %1)").arg(pText(series.adjustedPValue));
        line += QStringLiteral(" · median %1 → %2")
                    .arg(formatValue(series.before.median, m_unit), formatValue(series.after.median, m_unit));
        if (target.hasTarget())
            line += QStringLiteral(" · target %1 %2 %3")
                        .arg(directionSymbol(target.direction), formatValue(target.target, m_unit),
                            series.meetsTarget ? QStringLiteral("met") : QStringLiteral("not met"));
        else
            line += QStringLiteral(" · no target set");
        line
            += series.reachesGoal ? QStringLiteral(" · 20 % goal reached") : QStringLiteral(" · 20 % goal not reached");
        if (series.beforeNonFinite + series.afterNonFinite > 0)
            line += QStringLiteral(" · %1 NaN/±Inf left out").arg(series.beforeNonFinite + series.afterNonFinite);
        lines << line;
    }
    if (!m_comparison.series.isEmpty()) {
        const SeriesWindowComparison& first = m_comparison.series.first();
        lines << QStringLiteral("%1 · effective n %2 before, %3 after (of %4 and %5 samples)")
                     .arg(first.method)
                     .arg(first.beforeEffective)
                     .arg(first.afterEffective)
                     .arg(first.beforeCount)
                     .arg(first.afterCount);
    } else {
        lines << QStringLiteral("no series with data in both windows");
    }
    return lines;
}

void WindowComparisonView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const Theme& theme = Theme::of(this);
    const QFontMetrics metrics = fontMetrics();
    const QStringList lines = summaryLines();
    const int lineHeight = metrics.height();
    const int shownLines = std::min<int>(int(lines.size()), maxSeriesDrawn + 1);
    const QRect textArea(8, height() - shownLines * lineHeight - 6, width() - 16, shownLines * lineHeight);
    const QRect plot(56, 24, width() - 56 - 12, std::max(40, textArea.top() - 24 - 8));

    // The verdict of the worst series on top, in its colour.
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    const QList<SeriesWindowComparison>& series = m_comparison.series;
    if (!series.isEmpty()) {
        painter.setPen(verdictColor(series.first(), theme));
        painter.drawText(QRect(8, 2, width() - 16, lineHeight + 4), Qt::AlignLeft | Qt::AlignVCenter,
            QStringLiteral("before → after: %1").arg(series.first().verdict));
    }
    painter.setFont(font());

    // One value axis for every box, the target and the baseline.
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (const double reference : { m_comparison.target.target, m_comparison.target.baseline }) {
        if (std::isfinite(reference)) { // NaN: not set
            low = std::min(low, reference);
            high = std::max(high, reference);
        }
    }
    const int drawn = std::min<int>(int(series.size()), maxSeriesDrawn);
    for (int i = 0; i < drawn; ++i) {
        for (const BoxFigures* box : { &series[i].before, &series[i].after }) {
            if (std::isfinite(box->min) && std::isfinite(box->max)) {
                low = std::min(low, box->min);
                high = std::max(high, box->max);
            }
        }
    }
    if (!std::isfinite(low) || !std::isfinite(high)) { // no target, baseline or box to show
        low = 0;
        high = 1;
    }
    const NiceAxis axis = paddedNiceAxis(low, high);
    const auto yOf = [&](double value) {
        const double share = axis.max > axis.min ? (value - axis.min) / (axis.max - axis.min) : 0.5;
        return plot.bottom() - share * plot.height();
    };
    painter.setPen(theme.axisLine);
    painter.drawRect(plot);
    painter.setPen(palette().color(QPalette::Text));
    for (int tick = 0; tick < axis.tickCount; ++tick) {
        const double value = axis.min + (axis.max - axis.min) * tick / std::max(1, axis.tickCount - 1);
        const double y = yOf(value);
        painter.drawText(QRectF(0, y - lineHeight / 2.0, plot.left() - 4, lineHeight),
            Qt::AlignRight | Qt::AlignVCenter, formatValue(value, m_unit));
    }
    const auto referenceLine = [&](double value, const QColor& color, Qt::PenStyle style, const QString& label) {
        if (!std::isfinite(value))
            return;
        painter.setPen(QPen(color, 1.5, style));
        const double y = yOf(value);
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.drawText(
            QRectF(plot.right() - 160, y - lineHeight, 156, lineHeight), Qt::AlignRight | Qt::AlignBottom, label);
    };
    referenceLine(m_comparison.target.target, theme.target, Qt::DashLine,
        QStringLiteral("target %1 %2")
            .arg(directionSymbol(m_comparison.target.direction), formatValue(m_comparison.target.target, m_unit)));
    referenceLine(m_comparison.target.baseline, theme.baseline, Qt::DotLine,
        QStringLiteral("baseline %1").arg(formatValue(m_comparison.target.baseline, m_unit)));

    // Boxes: a group of two per series, before then after.
    const double groupWidth = drawn > 0 ? double(plot.width()) / drawn : plot.width();
    const double boxWidth = std::min(48.0, groupWidth / 4);
    for (int i = 0; i < drawn; ++i) {
        const double middle = plot.left() + groupWidth * (i + 0.5);
        const auto drawBox = [&](const BoxFigures& box, double centre, const QColor& color, const QString& label) {
            painter.setPen(color);
            painter.drawText(
                QRectF(centre - 40, plot.bottom() - lineHeight - 2, 80, lineHeight), Qt::AlignCenter, label);
            if (!std::isfinite(box.median))
                return;
            QColor fill = color;
            fill.setAlpha(60);
            const QRectF body(centre - boxWidth / 2, yOf(box.q3), boxWidth, std::max(1.0, yOf(box.q1) - yOf(box.q3)));
            painter.setPen(QPen(color, 1.5));
            painter.drawLine(QPointF(centre, yOf(box.max)), QPointF(centre, body.top()));
            painter.drawLine(QPointF(centre, body.bottom()), QPointF(centre, yOf(box.min)));
            painter.drawLine(
                QPointF(centre - boxWidth / 4, yOf(box.max)), QPointF(centre + boxWidth / 4, yOf(box.max)));
            painter.drawLine(
                QPointF(centre - boxWidth / 4, yOf(box.min)), QPointF(centre + boxWidth / 4, yOf(box.min)));
            painter.fillRect(body, fill);
            painter.drawRect(body);
            painter.setPen(QPen(theme.emphasized(color), 2.5));
            painter.drawLine(QPointF(body.left(), yOf(box.median)), QPointF(body.right(), yOf(box.median)));
        };
        drawBox(series[i].before, middle - boxWidth * 0.75, theme.beforeWindow, QStringLiteral("before"));
        drawBox(series[i].after, middle + boxWidth * 0.75, theme.afterWindow, QStringLiteral("after"));
        if (drawn > 1) {
            painter.setPen(palette().color(QPalette::Text));
            painter.drawText(QRectF(middle - groupWidth / 2, plot.top() + 2, groupWidth, lineHeight), Qt::AlignCenter,
                metrics.elidedText(series[i].series, Qt::ElideMiddle, int(groupWidth) - 8));
        }
    }

    painter.setPen(palette().color(QPalette::Text));
    for (int i = 0; i < shownLines; ++i) {
        const bool methodLine = i == shownLines - 1;
        const QString text = methodLine ? lines.last() : lines[i];
        if (!methodLine && i < series.size())
            painter.setPen(verdictColor(series[i], theme));
        else
            painter.setPen(theme.mutedText);
        painter.drawText(QRect(textArea.left(), textArea.top() + i * lineHeight, textArea.width(), lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(text, Qt::ElideRight, textArea.width()));
    }
}

} // namespace perfdash
