#include "PanelChart.h"

#include "AnnotationLayerItem.h"
#include "ChartTheme.h"
#include "CrosshairChartView.h"
#include "HeatmapColorScaleItem.h"
#include "HeatmapLayerItem.h"
#include "NiceAxis.h"
#include "SeriesPlotItem.h"
#include "Theme.h"
#include "TimeAxisTicks.h"
#include "ValueFormat.h"

#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    // Hiding a series hides its marker too; keep it, dimmed, so it can be clicked back on.
    void showMarkerOf(QLegendMarker* marker, bool seriesVisible, QColor text)
    {
        marker->setVisible(true);
        text.setAlphaF(seriesVisible ? 1.0 : 0.35);
        marker->setLabelBrush(text);
    }

    // What a heatmap's colours count: observations per second in the bucket.
    const QString heatmapRateUnit = QStringLiteral("/s");

    QLineSeries* makeReferenceLine(const QString& name, Qt::PenStyle style)
    {
        auto* line = new QLineSeries;
        line->setName(name);
        QPen pen(Qt::black, 2, style);
        pen.setCosmetic(true);
        line->setPen(pen);
        return line;
    }

    void setLineColor(QLineSeries* line, const QColor& color)
    {
        QPen pen = line->pen();
        pen.setColor(color);
        line->setPen(pen);
    }

}

PanelChart::PanelChart(const PanelSpec& spec, QWidget* viewParent)
    : QObject(viewParent)
    , m_spec(spec)
{
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);

    m_axisX = new QDateTimeAxis;
    m_axisX->setFormat(QStringLiteral("HH:mm:ss"));
    m_axisX->setTickCount(5);
    m_axisX->setTitleText(QStringLiteral("time (local)"));
    m_logBuckets = spec.isHeatmap() && spec.bucketScale == BucketScale::Log;
    if (m_logBuckets) {
        // A log scale on a linear axis of log10 values: labels are placed at round values ("0.5 s", "1 s",
        // "2 s"), which QLogValueAxis cannot do, and every layer maps values through toAxis().
        auto* logAxis = new QCategoryAxis;
        logAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        m_axisY = logAxis;
    } else {
        m_axisY = new QValueAxis;
    }
    m_axisY->setTitleText(spec.unit);
    m_axisY->setTickCount(5);
    // Qt Charts sizes the label column at a layout and elides labels that grew since ("..."); a value axis
    // label is a few characters, so drawing it whole is always better than an ellipsis.
    m_axisY->setTruncateLabels(false);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);

    const QString targetText
        = QStringLiteral("target %1 %2")
              .arg(directionSymbol(spec.target.direction), formatValue(spec.target.target, spec.unit));
    m_targetLine = makeReferenceLine(targetText, Qt::DashLine);
    m_baselineLine = makeReferenceLine(
        QStringLiteral("baseline %1").arg(formatValue(spec.target.baseline, spec.unit)), Qt::DotLine);
    for (QLineSeries* line : { m_targetLine, m_baselineLine }) {
        m_chart->addSeries(line);
        line->attachAxis(m_axisX);
        line->attachAxis(m_axisY);
    }
    // The reference lines are labelled where they are drawn, so the legend is left to the data series.
    m_targetLabel = new QGraphicsSimpleTextItem(targetText, m_chart);
    m_targetLabel->setVisible(spec.target.hasTarget());
    m_baselineLabel = new QGraphicsSimpleTextItem(m_baselineLine->name(), m_chart);
    m_baselineLabel->setVisible(spec.target.hasBaseline());
    for (QGraphicsSimpleTextItem* label : { m_targetLabel, m_baselineLabel })
        label->setZValue(5);
    for (const PanelThreshold& threshold : spec.thresholds) {
        const QString value = formatValue(threshold.value, spec.unit);
        const QString text = threshold.label.isEmpty() ? value : threshold.label + QLatin1Char(' ') + value;
        QLineSeries* line = makeReferenceLine(text, Qt::DashLine);
        m_chart->addSeries(line);
        line->attachAxis(m_axisX);
        line->attachAxis(m_axisY);
        auto* label = new QGraphicsSimpleTextItem(text, m_chart);
        label->setZValue(5);
        m_thresholdLines << line;
        m_thresholdLabels << label;
    }
    hideReferenceLegendMarkers();
    m_plot = new SeriesPlotItem(m_chart, m_axisX, m_axisY);
    m_plot->setOutlined(spec.isHeatmap());
    if (spec.isHeatmap()) {
        m_heatmap = new HeatmapLayerItem(m_chart);
        m_colorScale = new HeatmapColorScaleItem(m_chart);
        // Room at the right for the colour scale, sized for the widest labels ("888 /s", "0.25 /s").
        const double scaleWidth = std::max(heatmapColorScaleWidth(QFont(), 888, heatmapRateUnit),
            heatmapColorScaleWidth(QFont(), 0.888, heatmapRateUnit));
        m_chart->setMargins(QMargins(4, 4, int(scaleWidth) + 10, 4));
        connect(m_chart, &QChart::plotAreaChanged, this, [this, scaleWidth](const QRectF& plotArea) {
            m_heatmap->setPlotArea(plotArea);
            m_colorScale->setRect(QRectF(plotArea.right() + 6, plotArea.top(), scaleWidth, plotArea.height()));
        });
    }
    m_annotations = new AnnotationLayerItem(m_plot, m_chart);
    // After the plot item's own connection, so the layer reads the area the plot item has taken.
    connect(m_chart, &QChart::plotAreaChanged, m_annotations, &AnnotationLayerItem::followPlotArea);
    connect(m_axisX, &QDateTimeAxis::rangeChanged, m_annotations, [this] { m_annotations->update(); });
    connect(m_chart, &QChart::plotAreaChanged, this, &PanelChart::plotAreaChanged);

    m_view = new CrosshairChartView(m_chart, viewParent);
    m_view->setMinimumSize(320, 200);
    m_view->setValueFormatter([this](double v) { return formatValue(fromAxis(v), m_spec.unit); });
    m_view->setPlotItem(m_plot);
    m_view->setAnnotationLayer(m_annotations);
    if (m_heatmap)
        m_view->setCellDescriber([this](const QPointF& scenePosition) { return describeCellAt(scenePosition); });
    applyTheme(Theme::of(viewParent));
}

void PanelChart::applyTheme(const Theme& theme)
{
    m_theme = &theme;
    styleChart(m_chart, theme);
    setLineColor(m_targetLine, theme.target);
    setLineColor(m_baselineLine, theme.baseline);
    m_targetLabel->setBrush(theme.target);
    m_baselineLabel->setBrush(theme.baseline);
    for (qsizetype i = 0; i < m_thresholdLines.size(); ++i) {
        // A file's own colour is kept; without one, the theme's threshold amber.
        const QString& own = m_spec.thresholds.at(i).color;
        const QColor color = own.isEmpty() ? theme.threshold : QColor(own);
        setLineColor(m_thresholdLines[i], color);
        m_thresholdLabels[i]->setBrush(color);
    }
    for (qsizetype slot = 0; slot < m_slots.size(); ++slot) {
        if (!m_slotKeys[slot].isEmpty())
            setLineColor(m_slots[slot], colorOf(m_slotKeys[slot]));
    }
    m_view->applyTheme(theme);
    m_annotations->applyTheme(theme);
    syncLegendMarkers();
    m_plot->update();
}

QString PanelChart::describeCellAt(const QPointF& scenePosition) const
{
    const std::optional<HeatmapCell> cell = m_heatmap->cellAt(scenePosition);
    if (!cell)
        return {};
    const auto bound = [this](double value) { return formatValue(value * m_spec.displayScale, m_spec.unit); };
    // A column's rate covers one step: rate × step is how many observations fell into the bucket then.
    const double stepSeconds = double(m_heatmap->frames().stepMs) / 1000.0;
    return QStringLiteral("bucket (%1, %2]\n%3 /s · %4 in the step · %5 % of all")
        .arg(bound(cell->lower), bound(cell->upper), formatNumber(cell->value),
            stepSeconds > 0 ? formatNumber(cell->value * stepSeconds) : QStringLiteral("—"),
            formatNumber(cell->share * 100.0));
}

void PanelChart::setHeatmapFrames(HistogramFrames frames)
{
    if (!m_heatmap)
        return;
    m_colorScale->setScale(frames.maxValue(), heatmapRateUnit, m_heatmap->colorMode());
    m_heatmap->setFrames(std::move(frames));
}

void PanelChart::setTimeShiftMs(double shiftMs)
{
    m_shiftMs = shiftMs;
    m_view->setTimeShiftMs(shiftMs);
}

void PanelChart::setAnnotations(QList<Annotation> annotations)
{
    m_annotations->setAnnotations(std::move(annotations), m_shiftMs);
}

void PanelChart::setSelectedAnnotation(const std::optional<Annotation>& selected)
{
    m_annotations->setSelected(selected);
}

void PanelChart::setComparisonWindows(const std::optional<TimeRange>& before, const std::optional<TimeRange>& after)
{
    m_annotations->setWindows(before, after);
}

int PanelChart::plotColumns() const { return std::max(16, int(m_chart->plotArea().width())); }

bool PanelChart::isShown(const QString& key) const
{
    const QLineSeries* series = slotOf(key);
    return series && series->isVisible();
}

void PanelChart::setPoints(const QString& key, QList<QPointF> points)
{
    if (QLineSeries* series = slotOf(key))
        m_plot->setPoints(series, std::move(points));
}

void PanelChart::setTimeRange(qint64 fromMs, qint64 toMs, const TimeAxisTicks& ticks)
{
    m_axisX->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    m_axisX->setTickCount(ticks.tickCount);
    m_axisX->setFormat(ticks.format);
    if (m_heatmap)
        m_heatmap->setTimeRange(double(fromMs), double(toMs), m_shiftMs);
}

void PanelChart::setTimeAxisTitle(const QString& title) { m_axisX->setTitleText(title); }

int PanelChart::runCount() const { return m_plot->runCount(); }

qsizetype PanelChart::pointCount() const { return m_plot->pointCount(); }

QString PanelChart::targetLineLabel() const { return m_targetLine->name(); }

qsizetype PanelChart::targetLinePointCount() const { return m_targetLine->count(); }

qsizetype PanelChart::baselineLinePointCount() const { return m_baselineLine->count(); }

QStringList PanelChart::thresholdLineLabels() const
{
    QStringList labels;
    for (const QGraphicsSimpleTextItem* label : m_thresholdLabels)
        labels << label->text();
    return labels;
}

double PanelChart::valueAxisMax() const { return m_axisY->max(); }

QStringList PanelChart::legendLabels() const
{
    // The drawn slots, in legend order (the markers' own visibility settles only at the next layout).
    QStringList labels;
    for (qsizetype slot = 0; slot < m_slots.size(); ++slot) {
        if (!m_slotKeys[slot].isEmpty())
            labels << m_slots[slot]->name();
    }
    return labels;
}

bool PanelChart::isLegendEntryVisible(const QString& label) const
{
    for (QLegendMarker* marker : m_chart->legend()->markers()) {
        if (marker->label() == label)
            return marker->series()->isVisible();
    }
    return false;
}

bool PanelChart::toggleLegendEntry(const QString& label)
{
    for (QLegendMarker* marker : m_chart->legend()->markers()) {
        if (marker->label() == label) {
            onLegendMarkerClicked(marker);
            return true;
        }
    }
    return false;
}

QColor PanelChart::colorOf(const QString& key)
{
    const auto found = m_colorIndex.constFind(key);
    const int index = found != m_colorIndex.cend() ? *found : int(m_colorIndex.size());
    if (found == m_colorIndex.cend())
        m_colorIndex.insert(key, index);
    const QList<QColor>& palette = m_spec.isHeatmap() ? m_theme->quantiles : m_theme->series;
    return palette.at(index % palette.size());
}

QLineSeries* PanelChart::slotOf(const QString& key) const
{
    const qsizetype slot = m_slotKeys.indexOf(key);
    return slot < 0 ? nullptr : m_slots[slot];
}

void PanelChart::assignSlots(const QStringList& drawn, const std::function<QString(const QString&)>& nameOf)
{
    const QSet<QString> wanted(drawn.cbegin(), drawn.cend());
    QList<qsizetype> freeSlots;
    QSet<QString> placed;
    for (qsizetype slot = 0; slot < m_slotKeys.size(); ++slot) {
        if (wanted.contains(m_slotKeys[slot]))
            placed.insert(m_slotKeys[slot]);
        else
            freeSlots << slot;
    }
    for (const QString& key : drawn) {
        if (placed.contains(key))
            continue;
        qsizetype slot = 0;
        if (!freeSlots.isEmpty()) {
            slot = freeSlots.takeFirst();
        } else {
            auto* series = new QLineSeries;
            m_chart->addSeries(series);
            series->attachAxis(m_axisX);
            series->attachAxis(m_axisY);
            slot = m_slots.size();
            m_slots << series;
            m_slotKeys << QString();
        }
        QLineSeries* series = m_slots[slot];
        m_slotKeys[slot] = key;
        series->setName(nameOf(key));
        QPen pen(colorOf(key), 1.6);
        pen.setCosmetic(true);
        series->setPen(pen);
        series->setVisible(!m_hiddenKeys.contains(key));
    }
    for (const qsizetype slot : freeSlots) {
        m_slotKeys[slot].clear();
        m_plot->setPoints(m_slots[slot], {});
        m_slots[slot]->setVisible(false);
    }
    syncLegendMarkers();
}

void PanelChart::syncLegendMarkers()
{
    // Qt Charts may recreate markers when series are added, so every marker is looked at here, once per
    // refresh: linear in the (bounded) number of slots. UniqueConnection skips markers already connected.
    for (QLegendMarker* marker : m_chart->legend()->markers()) {
        auto* series = static_cast<QLineSeries*>(marker->series());
        const qsizetype slot = m_slots.indexOf(series);
        if (slot < 0 || m_slotKeys[slot].isEmpty()) {
            marker->setVisible(false); // a reference line (labelled where drawn) or an unused slot
            continue;
        }
        connect(marker, &QLegendMarker::clicked, this, &PanelChart::onLegendMarkerClickedSignal, Qt::UniqueConnection);
        showMarkerOf(marker, series->isVisible(), m_theme->text);
    }
}

void PanelChart::onLegendMarkerClickedSignal()
{
    if (auto* marker = qobject_cast<QLegendMarker*>(sender()))
        onLegendMarkerClicked(marker);
}

void PanelChart::hideReferenceLegendMarkers()
{
    QList<QLineSeries*> lines { m_targetLine, m_baselineLine };
    lines << m_thresholdLines;
    for (QLineSeries* line : lines) {
        for (QLegendMarker* marker : m_chart->legend()->markers(line))
            marker->setVisible(false);
    }
}

double PanelChart::toAxis(double value) const
{
    if (!m_logBuckets)
        return value;
    return value > 0 ? std::log10(value) : std::nan("");
}

double PanelChart::fromAxis(double axisValue) const { return m_logBuckets ? std::pow(10.0, axisValue) : axisValue; }

void PanelChart::fitBucketAxis(qint64 fromMs, qint64 toMs, double lowestBound, double highestBound)
{
    if (!m_logBuckets) {
        fitValueAxis(fromMs, toMs, std::min(0.0, lowestBound), highestBound);
        if (m_heatmap)
            m_heatmap->setValueMapping(
                m_axisY->min(), m_axisY->max(), [scale = m_spec.displayScale](double bound) { return bound * scale; });
        return;
    }
    // Log scale: from the lowest bucket bound to one row above the highest finite one, where the +Inf bucket
    // is drawn; the target and baseline are always in view.
    double low = lowestBound;
    double high = highestBound;
    for (const double reference : { m_spec.target.target, m_spec.target.baseline }) {
        if (std::isfinite(reference)) { // NaN: not set
            low = std::min(low, reference);
            high = std::max(high, reference);
        }
    }
    if (!(low > 0) || !std::isfinite(low))
        low = high > 0 ? high / 1000.0 : 0.001;
    if (!(high > low) || !std::isfinite(high))
        high = low * 10.0;
    const double axisMin = std::log10(low);
    const double axisMax = std::log10(high) + std::max(0.15, (std::log10(high) - axisMin) * 0.08);
    drawReferenceLines(fromMs, toMs);
    auto* logAxis = static_cast<QCategoryAxis*>(m_axisY);
    for (const QString& label : logAxis->categoriesLabels())
        logAxis->remove(label);
    logAxis->setStartValue(axisMin);
    // 1-2-5 steps per decade, or only powers of ten when the range spans many decades.
    const double decades = axisMax - axisMin;
    const QList<double> mantissas = decades > 4 ? QList<double> { 1 } : QList<double> { 1, 2, 5 };
    qsizetype longest = 0;
    for (int exponent = int(std::floor(axisMin)); exponent <= int(std::ceil(axisMax)); ++exponent) {
        for (const double mantissa : mantissas) {
            const double value = mantissa * std::pow(10.0, exponent);
            const double at = std::log10(value);
            if (at < axisMin || at > axisMax)
                continue;
            const QString label = formatValue(value, QString());
            longest = std::max(longest, label.size());
            logAxis->append(label, at);
        }
    }
    logAxis->setRange(axisMin, axisMax);
    if (m_heatmap)
        m_heatmap->setValueMapping(
            axisMin, axisMax, [this](double bound) { return toAxis(bound * m_spec.displayScale); });
    if (longest != m_longestValueLabel) {
        m_longestValueLabel = longest;
        m_chart->layout()->invalidate();
    }
}

void PanelChart::drawReferenceLines(qint64 fromMs, qint64 toMs)
{
    // An unset target or baseline (NaN) draws no line.
    const auto drawAt = [fromMs, toMs](QLineSeries* line, double value) {
        if (std::isfinite(value))
            line->replace({ QPointF(fromMs, value), QPointF(toMs, value) });
        else
            line->clear();
    };
    drawAt(m_targetLine, toAxis(m_spec.target.target));
    drawAt(m_baselineLine, toAxis(m_spec.target.baseline));
    for (qsizetype i = 0; i < m_thresholdLines.size(); ++i) {
        const double value = toAxis(m_spec.thresholds[i].value);
        m_thresholdLines[i]->replace({ QPointF(fromMs, value), QPointF(toMs, value) });
    }
}

void PanelChart::fitValueAxis(qint64 fromMs, qint64 toMs, double low, double high)
{
    const double target = m_spec.target.target;
    const double baseline = m_spec.target.baseline;
    drawReferenceLines(fromMs, toMs);
    for (const double reference : { target, baseline }) {
        if (std::isfinite(reference)) { // NaN: not set
            low = std::min(low, reference);
            high = std::max(high, reference);
        }
    }
    for (const PanelThreshold& threshold : m_spec.thresholds) {
        low = std::min(low, threshold.value);
        high = std::max(high, threshold.value);
    }
    const NiceAxis axis = paddedNiceAxis(low, high);
    m_axisY->setRange(axis.min, axis.max);
    m_axisY->setTickCount(axis.tickCount);
    m_axisY->setLabelFormat(axis.labelFormat());
    // Qt Charts sizes the axis for its labels only when the chart lays out: labels that grew ("1.5" to
    // "1.25") are drawn as "..." until then. Lay out again when the longest label's length changes.
    const auto labelLength
        = [&](double value) { return QString::asprintf(axis.labelFormat().toLatin1().constData(), value).size(); };
    const qsizetype longest = std::max(labelLength(axis.min), labelLength(axis.max));
    if (longest != m_longestValueLabel) {
        m_longestValueLabel = longest;
        m_chart->layout()->invalidate();
    }
}

void PanelChart::placeReferenceLabels()
{
    const QRectF plot = m_chart->plotArea();
    const auto place = [&](QGraphicsSimpleTextItem* label, QLineSeries* line, double value, bool above) {
        const QPointF at = m_chart->mapToPosition(QPointF(m_axisX->max().toMSecsSinceEpoch(), value), line);
        const QRectF box = label->boundingRect();
        label->setPos(plot.right() - box.width() - 4, above ? at.y() - box.height() - 1 : at.y() + 1);
    };
    // The label of the higher line goes above it and the lower one below, so they never overlap.
    const bool targetHigher = m_spec.target.target >= m_spec.target.baseline;
    place(m_targetLabel, m_targetLine, toAxis(m_spec.target.target), targetHigher);
    place(m_baselineLabel, m_baselineLine, toAxis(m_spec.target.baseline), !targetHigher);
    // Threshold labels sit at the left end, clear of the target and baseline labels on the right.
    for (qsizetype i = 0; i < m_thresholdLines.size(); ++i) {
        const QPointF at = m_chart->mapToPosition(
            QPointF(m_axisX->min().toMSecsSinceEpoch(), toAxis(m_spec.thresholds[i].value)), m_thresholdLines[i]);
        m_thresholdLabels[i]->setPos(plot.left() + 4, at.y() - m_thresholdLabels[i]->boundingRect().height() - 1);
    }
}

void PanelChart::onLegendMarkerClicked(QLegendMarker* marker)
{
    QAbstractSeries* series = marker->series();
    series->setVisible(!series->isVisible());
    if (const qsizetype slot = m_slots.indexOf(static_cast<QLineSeries*>(series)); slot >= 0) {
        if (series->isVisible())
            m_hiddenKeys.remove(m_slotKeys[slot]);
        else
            m_hiddenKeys.insert(m_slotKeys[slot]);
    }
    showMarkerOf(marker, series->isVisible(), m_theme->text);
}

} // namespace perfdash
