#include "SweepChart.h"

#include "ChartTheme.h"
#include "NiceAxis.h"
#include "ProfileMetric.h"
#include "Theme.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFileInfo>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QPdfWriter>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>
#include <limits>

namespace perfdash {

struct SweepChart::Parts {
    QChart* chart = nullptr;
    QChartView* view = nullptr;
    QAbstractAxis* x = nullptr;
    QValueAxis* y = nullptr;
    QList<QLineSeries*> lines;
    QScatterSeries* knee = nullptr;
    QGraphicsSimpleTextItem* kneeLabel = nullptr;
    QPointF kneeAt;

    void placeKneeLabel()
    {
        if (!knee || !kneeLabel)
            return;
        const QPointF at = chart->mapToPosition(kneeAt, knee);
        kneeLabel->setPos(at + QPointF(8, 4));
    }
};

namespace {

    struct Line {
        QString name;
        QList<QPointF> median;
        QList<QPointF> q1;
        QList<QPointF> q3;
        Qt::PenStyle style = Qt::SolidLine;
        bool reference = false; // LRU or Bélády: no band, grey or target colour
    };

    // Each curve's medians and quartiles of `metric` (times `scale`, as 1 − value when `complement`).
    Line lineOf(const SweepResult& result, const SweepCurve& curve, const QString& metric, bool complement,
        double scale, const QString& name)
    {
        Line line;
        line.name = name;
        for (int i = 0; i < curve.runs.size(); ++i) {
            const double x = result.values[i].toDouble();
            SweepFigure figure = result.figure(curve, i, metric);
            if (complement)
                figure = { 1 - figure.median, 1 - figure.q3, 1 - figure.q1 };
            if (!std::isfinite(figure.median))
                continue;
            line.median << QPointF(x, figure.median * scale);
            if (std::isfinite(figure.q1) && std::isfinite(figure.q3)) {
                line.q1 << QPointF(x, figure.q1 * scale);
                line.q3 << QPointF(x, figure.q3 * scale);
            }
        }
        return line;
    }

    QString curveName(const SweepResult& result, const SweepCurve& curve)
    {
        return result.seriesParameter.isEmpty() ? result.component : curve.seriesValue;
    }

} // namespace

SweepChart::SweepChart(QWidget* parent)
    : QWidget(parent)
    , m_parts(new Parts)
{
    m_parts->chart = new QChart;
    m_parts->chart->setAnimationOptions(QChart::NoAnimation);
    m_parts->chart->setMargins(QMargins(4, 4, 4, 4));
    m_parts->chart->legend()->setAlignment(Qt::AlignBottom);
    connect(m_parts->chart, &QChart::plotAreaChanged, this, [this] { m_parts->placeKneeLabel(); });
    m_parts->view = new QChartView(m_parts->chart);
    m_parts->view->setRenderHint(QPainter::Antialiasing);
    m_parts->view->setMinimumHeight(300);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_parts->view);
    rebuild();
}

SweepChart::~SweepChart()
{
    m_parts->chart->disconnect(this); // the view, and with it the chart, outlives the parts by a moment
    delete m_parts; // the chart belongs to its view
}

void SweepChart::setResult(const SweepResult& result, const QString& metric)
{
    m_result = result;
    m_metric = metric;
    rebuild();
}

void SweepChart::clear()
{
    m_result.reset();
    rebuild();
}

void SweepChart::rebuild()
{
    QChart* chart = m_parts->chart;
    // A handful of curves of at most 200 points: rebuilt whole on every point, never thousands of series.
    delete m_parts->kneeLabel;
    m_parts->kneeLabel = nullptr;
    m_parts->knee = nullptr;
    m_parts->lines.clear();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const Theme& theme = Theme::of(this);
    styleChart(chart, theme);

    QList<Line> lines;
    QString title = tr("Run a sweep to see each metric against the parameter");
    QString unit;
    if (m_result) {
        const SweepResult& result = *m_result;
        if (m_metric == missRatioCurve) {
            title = tr("Miss ratio (%) against %1, with LRU and Bélády's optimum on the same trace")
                        .arg(result.spec.parameter);
            for (const SweepCurve& curve : result.curves)
                lines << lineOf(result, curve, QStringLiteral("hit_ratio"), true, 100, curveName(result, curve));
            if (!result.curves.isEmpty()) {
                Line lru = lineOf(result, result.curves.first(), QStringLiteral("lru_hit_ratio_offline"), true, 100,
                    tr("LRU (offline)"));
                Line belady = lineOf(result, result.curves.first(), QStringLiteral("belady_hit_ratio"), true, 100,
                    tr("Bélády (optimal)"));
                lru.style = Qt::DotLine;
                belady.style = Qt::DashLine;
                lru.reference = belady.reference = true;
                lru.q1.clear();
                belady.q1.clear();
                lines << lru << belady;
            }
        } else if (const ProfileMetric* metric = ProfileMetric::find(m_metric)) {
            unit = metric->unit;
            title = unit.isEmpty() ? metric->label : QStringLiteral("%1 (%2)").arg(metric->label, unit);
            for (const SweepCurve& curve : result.curves)
                lines << lineOf(result, curve, m_metric, false, 1, curveName(result, curve));
        }
    }
    chart->setTitle(title);

    double xLow = std::numeric_limits<double>::infinity();
    double xHigh = -xLow;
    double yLow = xLow;
    double yHigh = -xLow;
    for (const Line& line : lines) {
        for (const QList<QPointF>* points : { &line.median, &line.q1, &line.q3 }) {
            for (const QPointF& point : *points) {
                xLow = std::min(xLow, point.x());
                xHigh = std::max(xHigh, point.x());
                yLow = std::min(yLow, point.y());
                yHigh = std::max(yHigh, point.y());
            }
        }
    }
    // The whole sweep's range from the first point on, so the curve grows into a fixed frame.
    if (m_result && !m_result->values.isEmpty() && xLow <= xHigh) {
        xLow = std::min(xLow, m_result->values.first().toDouble());
        xHigh = std::max(xHigh, m_result->values.last().toDouble());
    }
    const bool log = m_result && m_result->spec.scale == SweepSpec::Scale::Log;
    if (log) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(8);
        if (xLow <= xHigh)
            axis->setRange(xLow / 1.15, xHigh * 1.15);
        m_parts->x = axis;
    } else {
        auto* axis = new QValueAxis;
        if (xLow <= xHigh) {
            const NiceAxis nice = niceAxis(xLow, xHigh > xLow ? xHigh : xLow + 1, 8);
            axis->setRange(nice.min, nice.max);
            axis->setTickCount(nice.tickCount);
            axis->setLabelFormat(nice.labelFormat());
        }
        m_parts->x = axis;
    }
    m_parts->x->setTitleText(m_result ? m_result->spec.parameter : QString());
    m_parts->y = new QValueAxis;
    if (yLow <= yHigh) {
        const NiceAxis nice = paddedNiceAxis(yLow, yHigh);
        m_parts->y->setRange(nice.min, nice.max);
        m_parts->y->setTickCount(nice.tickCount);
        m_parts->y->setLabelFormat(nice.labelFormat());
    }
    m_parts->y->setTitleText(m_metric == missRatioCurve ? QStringLiteral("%") : unit);
    chart->addAxis(m_parts->x, Qt::AlignBottom);
    chart->addAxis(m_parts->y, Qt::AlignLeft);
    styleChart(chart, theme); // the new axes too

    int colour = 0;
    for (const Line& line : lines) {
        const QColor color = line.reference ? (line.style == Qt::DashLine ? theme.target : theme.baseline)
                                            : theme.seriesColor(colour++);
        if (line.q1.size() >= 2 && line.q1.size() == line.q3.size()) {
            auto* upper = new QLineSeries;
            auto* lower = new QLineSeries;
            upper->replace(line.q3);
            lower->replace(line.q1);
            auto* band = new QAreaSeries(upper, lower);
            upper->setParent(band); // an area series does not own its edges
            lower->setParent(band);
            QColor fill = color;
            fill.setAlpha(45);
            band->setBrush(fill);
            band->setPen(Qt::NoPen);
            chart->addSeries(band);
            band->attachAxis(m_parts->x);
            band->attachAxis(m_parts->y);
            for (QLegendMarker* marker : chart->legend()->markers(band))
                marker->setVisible(false);
        }
        auto* series = new QLineSeries;
        series->setName(line.name);
        series->replace(line.median);
        series->setPen(QPen(color, line.reference ? 1.4 : 1.8, line.style));
        series->setPointsVisible(!line.reference);
        chart->addSeries(series);
        series->attachAxis(m_parts->x);
        series->attachAxis(m_parts->y);
        m_parts->lines << series;
    }

    // A pool's throughput curve: where more workers stop paying.
    if (m_result && m_result->component == u"pool" && m_metric == u"throughput_ops_per_s") {
        for (const SweepCurve& curve : m_result->curves) {
            const auto at = m_result->knee(curve, m_metric);
            if (!at)
                continue;
            m_parts->kneeAt = QPointF(m_result->values[*at].toDouble(), m_result->figure(curve, *at, m_metric).median);
            m_parts->knee = new QScatterSeries;
            m_parts->knee->setName(tr("knee"));
            m_parts->knee->setMarkerSize(13);
            m_parts->knee->setColor(theme.warning);
            m_parts->knee->setBorderColor(theme.warning);
            m_parts->knee->append(m_parts->kneeAt);
            chart->addSeries(m_parts->knee);
            m_parts->knee->attachAxis(m_parts->x);
            m_parts->knee->attachAxis(m_parts->y);
            m_parts->kneeLabel = new QGraphicsSimpleTextItem(
                tr("knee: %1=%2").arg(m_result->spec.parameter, m_result->values[*at]), chart);
            m_parts->kneeLabel->setBrush(theme.text);
            m_parts->placeKneeLabel();
            break; // one knee: the first curve that has one
        }
    }
    chart->legend()->setVisible(!lines.isEmpty());
}

void SweepChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

QStringList SweepChart::lineNames() const
{
    QStringList names;
    for (const QLineSeries* line : m_parts->lines)
        names << line->name();
    return names;
}

QList<int> SweepChart::linePointCounts() const
{
    QList<int> counts;
    for (const QLineSeries* line : m_parts->lines)
        counts << int(line->count());
    return counts;
}

QString SweepChart::kneeLabel() const { return m_parts->kneeLabel ? m_parts->kneeLabel->text() : QString(); }

bool SweepChart::exportImage(const QString& path, QString* error) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = m_parts->view->size().expandedTo(QSize(900, 560));
    if (suffix == u"png") {
        QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        m_parts->view->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        painter.end();
        if (!image.save(path, "PNG")) {
            *error = QStringLiteral("%1: cannot write the PNG").arg(path);
            return false;
        }
        return true;
    }
    if (suffix == u"svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(m_parts->chart->title());
        QPainter painter;
        if (!painter.begin(&svg)) {
            *error = QStringLiteral("%1: cannot write the SVG").arg(path);
            return false;
        }
        m_parts->view->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        if (!painter.end()) {
            *error = QStringLiteral("%1: cannot write the SVG").arg(path);
            return false;
        }
        return true;
    }
    if (suffix == u"pdf") {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QSizeF(size) * 0.75, QPageSize::Point));
        pdf.setPageMargins(QMarginsF());
        pdf.setResolution(96);
        QPainter painter;
        if (!painter.begin(&pdf)) {
            *error = QStringLiteral("%1: cannot write the PDF").arg(path);
            return false;
        }
        m_parts->view->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        if (!painter.end()) {
            *error = QStringLiteral("%1: cannot write the PDF").arg(path);
            return false;
        }
        return true;
    }
    *error = QStringLiteral("%1: export as .png, .svg, .pdf or .csv").arg(path);
    return false;
}

} // namespace perfdash
