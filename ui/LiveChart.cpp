#include "LiveChart.h"

#include "ChartTheme.h"
#include "NiceAxis.h"
#include "Theme.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

struct LiveChart::Parts {
    QChart* chart = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    QList<QLineSeries*> series;
    QGraphicsSimpleTextItem* placeholder = nullptr;

    // Before any data: a clean 0–1 on both axes (five ticks of "%.0f" read "0 0 1 1 1") and a line saying
    // what will appear.
    void showEmpty()
    {
        for (QValueAxis* axis : { x, y }) {
            axis->setRange(0, 1);
            axis->setTickCount(2);
            axis->setLabelFormat(QStringLiteral("%.0f"));
        }
        placeholder->setVisible(true);
        placePlaceholder();
    }

    void placePlaceholder()
    {
        const QRectF plot = chart->plotArea();
        const QRectF box = placeholder->boundingRect();
        placeholder->setPos(plot.center() - QPointF(box.width() / 2, box.height() / 2));
    }
};

LiveChart::LiveChart(const QString& title, const QString& unit, const QStringList& seriesNames, QWidget* parent)
    : QWidget(parent)
    , m_parts(new Parts)
{
    m_parts->chart = new QChart;
    m_parts->chart->setAnimationOptions(QChart::NoAnimation);
    m_parts->chart->setTitle(title);
    m_parts->chart->setMargins(QMargins(4, 4, 4, 4));
    m_parts->chart->legend()->setVisible(seriesNames.size() > 1);
    m_parts->chart->legend()->setAlignment(Qt::AlignBottom);
    m_parts->x = new QValueAxis;
    m_parts->x->setTitleText(QStringLiteral("s"));
    m_parts->x->setLabelFormat(QStringLiteral("%.0f"));
    m_parts->x->setRange(0, 1);
    m_parts->y = new QValueAxis;
    m_parts->y->setTitleText(unit);
    m_parts->y->setLabelFormat(QStringLiteral("%.3g"));
    m_parts->chart->addAxis(m_parts->x, Qt::AlignBottom);
    m_parts->chart->addAxis(m_parts->y, Qt::AlignLeft);
    m_parts->placeholder
        = new QGraphicsSimpleTextItem(tr("Live values appear here while a run is going"), m_parts->chart);
    connect(m_parts->chart, &QChart::plotAreaChanged, this, [this] { m_parts->placePlaceholder(); });
    for (const QString& name : seriesNames) {
        auto* series = new QLineSeries;
        series->setName(name);
        m_parts->chart->addSeries(series);
        series->attachAxis(m_parts->x);
        series->attachAxis(m_parts->y);
        m_parts->series << series;
    }
    auto* view = new QChartView(m_parts->chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    m_parts->showEmpty();
    applyTheme();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
}

void LiveChart::applyTheme()
{
    const Theme& theme = Theme::of(this);
    styleChart(m_parts->chart, theme);
    m_parts->placeholder->setBrush(theme.mutedText);
    for (qsizetype i = 0; i < m_parts->series.size(); ++i) {
        QPen pen = m_parts->series[i]->pen();
        pen.setColor(theme.seriesColor(int(i)));
        pen.setWidthF(1.6);
        m_parts->series[i]->setPen(pen);
    }
}

void LiveChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

LiveChart::~LiveChart()
{
    delete m_parts; // the chart itself belongs to its view
}

void LiveChart::setData(const QList<QList<QPointF>>& series, double yFloor, double yCeiling)
{
    double xMax = 1;
    double yMin = std::numeric_limits<double>::infinity();
    double yMax = -std::numeric_limits<double>::infinity();
    m_points = 0;
    for (qsizetype i = 0; i < m_parts->series.size(); ++i) {
        QList<QPointF> points = i < series.size() ? series[i] : QList<QPointF>();
        // A NaN would break the line; such a point (a snapshot without samples) is left out.
        points.removeIf([](const QPointF& p) { return !std::isfinite(p.y()); });
        for (const QPointF& point : points) {
            xMax = std::max(xMax, point.x());
            yMin = std::min(yMin, point.y());
            yMax = std::max(yMax, point.y());
        }
        m_points += int(points.size());
        m_parts->series[i]->replace(points);
    }
    if (m_points == 0) {
        m_parts->showEmpty();
        return;
    }
    m_parts->placeholder->setVisible(false);
    const NiceAxis xAxis = niceAxis(0.0, xMax, 6);
    m_parts->x->setRange(xAxis.min, xAxis.max);
    m_parts->x->setTickCount(xAxis.tickCount);
    m_parts->x->setLabelFormat(xAxis.labelFormat());
    if (std::isfinite(yFloor) && std::isfinite(yCeiling)) {
        m_parts->y->setRange(yFloor, yCeiling);
        m_parts->y->setTickCount(5);
        m_parts->y->setLabelFormat(QStringLiteral("%.3g"));
    } else if (yMin <= yMax) {
        const NiceAxis axis = niceAxis(std::min(0.0, yMin), yMax > 0 ? yMax : 1.0);
        m_parts->y->setRange(axis.min, axis.max);
        m_parts->y->setTickCount(axis.tickCount);
        m_parts->y->setLabelFormat(axis.labelFormat());
    }
}

void LiveChart::clear() { setData({}); }

} // namespace perfdash
