#include "AnnotationLayerItem.h"

#include "SeriesPlotItem.h"
#include "Theme.h"

#include <QPainter>
#include <QVector>
#include <algorithm>
#include <cmath>
#include <unordered_set>
#include <vector>

namespace perfdash {

QColor AnnotationLayerItem::colorOf(Annotation::Origin origin) const
{
    switch (origin) {
    case Annotation::Origin::User:
        return m_theme->userAnnotation;
    case Annotation::Origin::Stream:
    case Annotation::Origin::Query:
        return m_theme->queryAnnotation;
    case Annotation::Origin::Profiling:
        return m_theme->profilingAnnotation;
    }
    return m_theme->mutedText;
}

void AnnotationLayerItem::applyTheme(const Theme& theme)
{
    m_theme = &theme;
    update();
}

AnnotationLayerItem::AnnotationLayerItem(const SeriesPlotItem* plot, QGraphicsItem* parent)
    : QGraphicsObject(parent)
    , m_plot(plot)
    , m_theme(&Theme::light())
{
    setZValue(4); // over the series, under the reference labels and the crosshair
    setAcceptedMouseButtons(Qt::NoButton);
}

QRectF AnnotationLayerItem::boundingRect() const { return m_plot->boundingRect(); }

void AnnotationLayerItem::followPlotArea()
{
    prepareGeometryChange();
    update();
}

AnnotationLayerItem::TimeToX AnnotationLayerItem::timeToX() const
{
    constexpr double spanMs = 1e9;
    const double originMs = m_annotations.isEmpty() ? 0.0 : double(m_annotations.first().timeMs);
    const double from = m_plot->mapToPosition(QPointF(originMs + m_shiftMs, 0)).x();
    const double to = m_plot->mapToPosition(QPointF(originMs + spanMs + m_shiftMs, 0)).x();
    return { originMs, from, (to - from) / spanMs };
}

void AnnotationLayerItem::setAnnotations(QList<Annotation> annotations, double shiftMs)
{
    if (annotations == m_annotations && shiftMs == m_shiftMs)
        return;
    m_annotations = std::move(annotations);
    m_shiftMs = shiftMs;
    update();
}

void AnnotationLayerItem::setSelected(const std::optional<Annotation>& selected)
{
    m_selected = selected;
    update();
}

void AnnotationLayerItem::setWindows(const std::optional<TimeRange>& before, const std::optional<TimeRange>& after)
{
    m_before = before;
    m_after = after;
    update();
}

std::optional<Annotation> AnnotationLayerItem::annotationAt(double chartX, double tolerancePx) const
{
    std::optional<Annotation> nearest;
    double best = tolerancePx;
    const TimeToX xOf = timeToX();
    for (const Annotation& annotation : m_annotations) {
        const double from = xOf(annotation.timeMs);
        const double to = xOf(annotation.endMs);
        // Inside a range counts as on it; a range's edges and a point need the cursor near.
        const double distance
            = chartX >= from && chartX <= to ? 0 : std::min(std::abs(chartX - from), std::abs(chartX - to));
        if (distance <= best) {
            best = distance;
            nearest = annotation;
        }
    }
    return nearest;
}

void AnnotationLayerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const QRectF plot = m_plot->boundingRect();
    if (plot.isEmpty())
        return;
    painter->save();
    painter->setClipRect(plot);
    // Vertical lines and bands on whole pixels need no antialiasing, which would double their cost.
    painter->setRenderHint(QPainter::Antialiasing, false);
    const TimeToX xOf = timeToX();
    const auto band = [&](qint64 from, qint64 to) {
        const double left = std::max(plot.left(), xOf(from));
        const double right = std::min(plot.right(), xOf(to));
        return QRectF(left, plot.top(), std::max(1.0, right - left), plot.height());
    };
    const auto window = [&](const std::optional<TimeRange>& range, const QColor& color, const QString& label) {
        if (!range)
            return;
        const QRectF rect = band(range->fromMs, range->toMs);
        QColor fill = color;
        fill.setAlpha(40);
        painter->fillRect(rect, fill);
        painter->setPen(color);
        painter->drawText(rect.adjusted(4, 2, 0, 0), Qt::AlignLeft | Qt::AlignTop, label);
    };
    window(m_before, m_theme->beforeWindow, QStringLiteral("before"));
    window(m_after, m_theme->afterWindow, QStringLiteral("after"));

    // Ranges: a light band and a strip along the top, merged per origin where they touch on screen (a
    // thousand one-pixel bands cost a thousand blended fills otherwise). Points: one line per pixel column.
    std::vector<std::pair<int, int>> rangeColumns[4];
    std::unordered_set<int> pointColumns;
    QVector<QLineF> pointLines[4];
    for (const Annotation& annotation : std::as_const(m_annotations)) {
        const int origin = int(annotation.origin);
        if (annotation.isRange()) {
            const int left = int(std::floor(std::max(plot.left(), xOf(annotation.timeMs))));
            const int right = int(std::ceil(std::min(plot.right(), xOf(annotation.endMs))));
            if (right >= left)
                rangeColumns[origin].emplace_back(left, std::max(left + 1, right));
            continue;
        }
        const int column = int(std::lround(xOf(annotation.timeMs)));
        if (column < plot.left() - 1 || column > plot.right() + 1)
            continue;
        if (pointColumns.insert(column * 4 + origin).second)
            pointLines[origin] << QLineF(column, plot.top(), column, plot.bottom());
    }
    for (int origin = 0; origin < 4; ++origin) {
        std::vector<std::pair<int, int>>& spans = rangeColumns[origin];
        std::sort(spans.begin(), spans.end());
        QColor fill = colorOf(Annotation::Origin(origin));
        QColor strip = fill;
        fill.setAlpha(22);
        strip.setAlpha(150);
        for (std::size_t i = 0; i < spans.size();) {
            auto [left, right] = spans[i];
            for (++i; i < spans.size() && spans[i].first <= right + 1; ++i)
                right = std::max(right, spans[i].second);
            const QRectF rect(left, plot.top(), right - left, plot.height());
            painter->fillRect(rect, fill);
            painter->fillRect(QRectF(rect.left(), plot.top(), rect.width(), 4), strip);
        }
    }
    m_paintedPointColumns = 0;
    for (int origin = 0; origin < 4; ++origin) {
        // Solid and a little translucent: a dashed pen strokes every dash of every line (10× the cost).
        QColor color = colorOf(Annotation::Origin(origin));
        color.setAlpha(200);
        QPen pen(color, 1);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->drawLines(pointLines[origin]);
        m_paintedPointColumns += int(pointLines[origin].size());
    }
    if (m_selected) {
        QPen pen(m_theme->emphasized(colorOf(m_selected->origin)), 2.5);
        pen.setCosmetic(true);
        painter->setPen(pen);
        const double from = xOf(m_selected->timeMs);
        const double to = xOf(m_selected->endMs);
        painter->drawLine(QPointF(from, plot.top()), QPointF(from, plot.bottom()));
        if (m_selected->isRange())
            painter->drawLine(QPointF(to, plot.top()), QPointF(to, plot.bottom()));
    }
    painter->restore();
}

} // namespace perfdash
