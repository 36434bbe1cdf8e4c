#include "RunHistoryChart.h"

#include "ChartTheme.h"
#include "NiceAxis.h"
#include "Quantiles.h"
#include "Theme.h"
#include "ValueFormat.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace perfdash {

struct RunHistoryChart::Parts {
    QChart* chart = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    QLineSeries* medians = nullptr;
    // Rebuilt with each metric: a few segments and change points, never thousands.
    QList<QLineSeries*> levels;
    struct Marker {
        QLineSeries* line = nullptr;
        QGraphicsSimpleTextItem* label = nullptr;
        double x = 0;
        bool regression = false;
    };
    QList<Marker> markers;

    void removeExtras()
    {
        for (QLineSeries* level : std::as_const(levels)) {
            chart->removeSeries(level);
            delete level;
        }
        levels.clear();
        for (const Marker& marker : std::as_const(markers)) {
            chart->removeSeries(marker.line);
            delete marker.line;
            delete marker.label;
        }
        markers.clear();
    }

    QLineSeries* addLine(const QList<QPointF>& points)
    {
        auto* series = new QLineSeries;
        series->replace(points);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        return series;
    }

    // Labels along the top of the plot, each right of its line; moved when the plot area moves.
    void placeLabels()
    {
        const QRectF plot = chart->plotArea();
        for (qsizetype i = 0; i < markers.size(); ++i) {
            const QPointF at = chart->mapToPosition(QPointF(markers[i].x, y->max()), markers[i].line);
            // Alternate rows, so that two change points close together do not print over each other.
            const double row = (i % 2) * (markers[i].label->boundingRect().height() + 2);
            markers[i].label->setPos(
                std::min(at.x() + 4, plot.right() - markers[i].label->boundingRect().width()), plot.top() + 2 + row);
        }
    }
};

RunHistoryChart::RunHistoryChart(QWidget* parent)
    : QWidget(parent)
    , m_parts(new Parts)
{
    m_parts->chart = new QChart;
    m_parts->chart->setAnimationOptions(QChart::NoAnimation);
    m_parts->chart->setMargins(QMargins(4, 4, 4, 4));
    m_parts->chart->legend()->setVisible(false);
    m_parts->x = new QValueAxis;
    m_parts->x->setTitleText(tr("run"));
    m_parts->y = new QValueAxis;
    m_parts->chart->addAxis(m_parts->x, Qt::AlignBottom);
    m_parts->chart->addAxis(m_parts->y, Qt::AlignLeft);
    m_parts->medians = new QLineSeries;
    m_parts->medians->setPointsVisible(true);
    m_parts->chart->addSeries(m_parts->medians);
    m_parts->medians->attachAxis(m_parts->x);
    m_parts->medians->attachAxis(m_parts->y);
    connect(m_parts->chart, &QChart::plotAreaChanged, this, [this] { m_parts->placeLabels(); });
    auto* view = new QChartView(m_parts->chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(260);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    clear();
}

RunHistoryChart::~RunHistoryChart()
{
    m_parts->chart->disconnect(this); // the view, and with it the chart, outlives the parts by a moment
    delete m_parts; // the chart itself belongs to its view
}

void RunHistoryChart::setMetric(const MetricHistory& metric)
{
    m_metric = metric;
    rebuild();
}

void RunHistoryChart::clear()
{
    m_metric.reset();
    rebuild();
}

int RunHistoryChart::pointCount() const { return int(m_parts->medians->count()); }

QStringList RunHistoryChart::markerLabels() const
{
    QStringList labels;
    for (const Parts::Marker& marker : m_parts->markers)
        labels << marker.label->text();
    return labels;
}

void RunHistoryChart::rebuild()
{
    m_parts->removeExtras();
    if (!m_metric || m_metric->medians.isEmpty()) {
        m_parts->medians->clear();
        m_parts->chart->setTitle(tr("Open a folder of run files to see each metric across runs"));
        m_parts->x->setRange(0, 1);
        m_parts->y->setRange(0, 1);
        applyTheme();
        return;
    }
    const MetricHistory& metric = *m_metric;
    const QString unit = metric.metric.unit;
    m_parts->chart->setTitle(
        unit.isEmpty() ? metric.metric.label : QStringLiteral("%1 (%2)").arg(metric.metric.label, unit));
    // x is the run's number in the whole history (1-based), so runs left out of this metric leave a gap.
    QList<QPointF> points;
    for (qsizetype i = 0; i < metric.medians.size(); ++i)
        points << QPointF(metric.runIndexes[i] + 1, metric.medians[i]);
    m_parts->medians->replace(points);

    QList<int> starts { 0 };
    for (const ChangePoint& point : metric.changePoints)
        starts << point.index;
    starts << int(metric.medians.size());
    for (qsizetype s = 0; s + 1 < starts.size(); ++s) {
        const int first = starts[s];
        const int last = starts[s + 1] - 1;
        double level = 0;
        if (metric.changePoints.isEmpty())
            level = Quantiles::of(metric.medians, 0.5);
        else
            level = s == 0 ? metric.changePoints[0].medianBefore : metric.changePoints[s - 1].medianAfter;
        m_parts->levels << m_parts->addLine(
            { QPointF(points[first].x() - 0.4, level), QPointF(points[last].x() + 0.4, level) });
    }

    const auto [low, high] = std::minmax_element(metric.medians.begin(), metric.medians.end());
    const NiceAxis yAxis = paddedNiceAxis(*low, *high);
    m_parts->y->setRange(yAxis.min, yAxis.max);
    m_parts->y->setTickCount(yAxis.tickCount);
    m_parts->y->setLabelFormat(yAxis.labelFormat());
    const double lastRun = points.last().x();
    const NiceAxis xAxis = niceAxis(0, lastRun + 1, 8);
    m_parts->x->setRange(0, xAxis.max);
    m_parts->x->setTickCount(xAxis.tickCount);
    m_parts->x->setLabelFormat(QStringLiteral("%.0f"));

    for (const ChangePoint& point : metric.changePoints) {
        // Between the last run before the change and the first after it.
        const double x = points[point.index].x() - 0.5;
        Parts::Marker marker;
        marker.x = x;
        marker.regression = &point == &metric.changePoints.last() && metric.latestSegmentRegressed();
        marker.line = m_parts->addLine({ QPointF(x, yAxis.min), QPointF(x, yAxis.max) });
        marker.label = new QGraphicsSimpleTextItem(
            tr("run %1: %2").arg(int(points[point.index].x())).arg(formatPercentChange(point.relativeChange * 100)),
            m_parts->chart);
        m_parts->markers << marker;
    }
    applyTheme();
    m_parts->placeLabels();
}

void RunHistoryChart::applyTheme()
{
    const Theme& theme = Theme::of(this);
    styleChart(m_parts->chart, theme);
    QPen pen(theme.seriesColor(0), 1.6);
    m_parts->medians->setPen(pen);
    m_parts->medians->setColor(theme.seriesColor(0));
    for (QLineSeries* level : std::as_const(m_parts->levels))
        level->setPen(QPen(theme.baseline, 1.4, Qt::DotLine));
    for (const Parts::Marker& marker : std::as_const(m_parts->markers)) {
        const QColor color = marker.regression ? theme.bad : theme.profilingAnnotation;
        marker.line->setPen(QPen(color, 1.4, Qt::DashLine));
        marker.label->setBrush(color);
    }
}

void RunHistoryChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

} // namespace perfdash
