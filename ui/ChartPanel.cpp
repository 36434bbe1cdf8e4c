#include "ChartPanel.h"

#include "CrosshairChartView.h"
#include "GapSegments.h"
#include "NiceAxis.h"
#include "Scorecard.h"
#include "ScorecardReduction.h"
#include "SeriesPickerDialog.h"
#include "SeriesPlotItem.h"
#include "TimeAxisTicks.h"
#include "TimeSeriesStore.h"
#include "ValueFormat.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSet>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    // Colour-blind-safe series palette (Okabe–Ito), leaving red for "not met".
    const QColor seriesPalette[] = { QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x9E, 0x73),
        QColor(0xCC, 0x79, 0xA7), QColor(0x56, 0xB4, 0xE9), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x00, 0x00) };

    QString legendName(const Labels& labels, const QString& metric)
    {
        if (labels.empty())
            return metric;
        QStringList values;
        for (const auto& [name, value] : labels)
            values << value;
        return values.join(QStringLiteral(", "));
    }

    // Hiding a series hides its marker too; keep it, dimmed, so it can be clicked back on.
    void showMarkerOf(QLegendMarker* marker, bool seriesVisible)
    {
        marker->setVisible(true);
        QBrush label = marker->labelBrush();
        QColor color = label.color();
        color.setAlphaF(seriesVisible ? 1.0 : 0.35);
        label.setColor(color);
        marker->setLabelBrush(label);
    }

    QLineSeries* makeReferenceLine(const QString& name, const QColor& color, Qt::PenStyle style)
    {
        auto* line = new QLineSeries;
        line->setName(name);
        QPen pen(color, 2, style);
        pen.setCosmetic(true);
        line->setPen(pen);
        return line;
    }
}

ChartPanel::ChartPanel(const PanelSpec& spec, QWidget* parent)
    : QFrame(parent)
    , m_spec(spec)
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("panel:") + spec.title);

    m_scorecard = new Scorecard(spec, this);

    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);

    m_axisX = new QDateTimeAxis;
    m_axisX->setFormat(QStringLiteral("HH:mm:ss"));
    m_axisX->setTickCount(5);
    m_axisX->setTitleText(QStringLiteral("time (local)"));
    m_axisY = new QValueAxis;
    m_axisY->setTitleText(spec.unit);
    m_axisY->setTickCount(5);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);

    const QString targetText = QStringLiteral("target %1 %2").arg(directionSymbol(spec.target.direction),
        formatValue(spec.target.target, spec.unit));
    m_targetLine = makeReferenceLine(targetText, QColor(0xd9, 0x30, 0x25), Qt::DashLine);
    m_baselineLine = makeReferenceLine(QStringLiteral("baseline %1").arg(formatValue(spec.target.baseline, spec.unit)),
        QColor(0x5f, 0x63, 0x68), Qt::DotLine);
    for (QLineSeries* line : { m_targetLine, m_baselineLine }) {
        m_chart->addSeries(line);
        line->attachAxis(m_axisX);
        line->attachAxis(m_axisY);
    }
    // The reference lines are labelled where they are drawn, so the legend is left to the data series.
    m_targetLabel = new QGraphicsSimpleTextItem(targetText, m_chart);
    m_targetLabel->setBrush(m_targetLine->pen().color());
    m_baselineLabel = new QGraphicsSimpleTextItem(m_baselineLine->name(), m_chart);
    m_baselineLabel->setBrush(m_baselineLine->pen().color());
    for (QGraphicsSimpleTextItem* label : { m_targetLabel, m_baselineLabel })
        label->setZValue(5);
    for (const PanelThreshold& threshold : spec.thresholds) {
        const QString value = formatValue(threshold.value, spec.unit);
        const QString text = threshold.label.isEmpty() ? value : threshold.label + QLatin1Char(' ') + value;
        // Grafana's default threshold amber, when the file gives no color.
        const QColor color = threshold.color.isEmpty() ? QColor(0xe6, 0xa1, 0x00) : QColor(threshold.color);
        QLineSeries* line = makeReferenceLine(text, color, Qt::DashLine);
        m_chart->addSeries(line);
        line->attachAxis(m_axisX);
        line->attachAxis(m_axisY);
        auto* label = new QGraphicsSimpleTextItem(text, m_chart);
        label->setBrush(color);
        label->setZValue(5);
        m_thresholdLines << line;
        m_thresholdLabels << label;
    }
    hideReferenceLegendMarkers();
    m_plot = new SeriesPlotItem(m_chart, m_axisX, m_axisY);
    connect(m_chart, &QChart::plotAreaChanged, this, &ChartPanel::onPlotAreaChanged);

    m_view = new CrosshairChartView(m_chart, this);
    m_view->setMinimumSize(320, 200);
    m_view->setValueFormatter([unit = spec.unit](double v) { return formatValue(v, unit); });
    m_view->setPlotItem(m_plot);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(2);
    layout->addWidget(m_scorecard);
    m_queryMessage = new QLabel(this);
    m_queryMessage->setObjectName(QStringLiteral("queryMessage"));
    m_queryMessage->setWordWrap(true);
    m_queryMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_queryMessage->setText(QStringLiteral("waiting for the first answer from the Prometheus data source \"%1\"…")
                                .arg(spec.sourceId));
    m_queryMessage->setVisible(!spec.query.isEmpty()); // a PromQL panel is never silently empty
    layout->addWidget(m_queryMessage);
    auto* seriesRow = new QHBoxLayout;
    seriesRow->setContentsMargins(0, 0, 0, 0);
    m_seriesNote = new QLabel(this);
    m_seriesNote->setObjectName(QStringLiteral("seriesNote"));
    m_seriesNote->setStyleSheet(QStringLiteral("color: #5f6368;"));
    // Ignored width: the note is cut at the panel's edge, never widens the panel.
    m_seriesNote->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_pickSeriesButton = new QToolButton(this);
    m_pickSeriesButton->setObjectName(QStringLiteral("pickSeries"));
    m_pickSeriesButton->setText(QStringLiteral("Series…"));
    m_pickSeriesButton->setToolTip(QStringLiteral("Search every series of this panel and pin the ones to draw"));
    connect(m_pickSeriesButton, &QToolButton::clicked, this, &ChartPanel::pickSeries);
    seriesRow->addWidget(m_seriesNote, 1);
    seriesRow->addWidget(m_pickSeriesButton);
    layout->addLayout(seriesRow);
    m_seriesNote->hide();
    m_pickSeriesButton->hide();
    layout->addWidget(m_view, 1);
}

qsizetype ChartPanel::pointCount() const
{
    return m_plot->pointCount();
}

QString ChartPanel::targetLineLabel() const
{
    return m_targetLine->name();
}

qsizetype ChartPanel::targetLinePointCount() const
{
    return m_targetLine->count();
}

qsizetype ChartPanel::baselineLinePointCount() const
{
    return m_baselineLine->count();
}

QStringList ChartPanel::thresholdLineLabels() const
{
    QStringList labels;
    for (const QGraphicsSimpleTextItem* label : m_thresholdLabels)
        labels << label->text();
    return labels;
}

double ChartPanel::valueAxisMax() const
{
    return m_axisY->max();
}

QStringList ChartPanel::legendLabels() const
{
    // The drawn slots, in legend order (the markers' own visibility settles only at the next layout).
    QStringList labels;
    for (qsizetype slot = 0; slot < m_slots.size(); ++slot) {
        if (!m_slotKeys[slot].isEmpty())
            labels << m_slots[slot]->name();
    }
    return labels;
}

bool ChartPanel::isLegendEntryVisible(const QString& label) const
{
    for (QLegendMarker* marker : m_chart->legend()->markers()) {
        if (marker->label() == label)
            return marker->series()->isVisible();
    }
    return false;
}

bool ChartPanel::toggleLegendEntry(const QString& label)
{
    for (QLegendMarker* marker : m_chart->legend()->markers()) {
        if (marker->label() == label) {
            onLegendMarkerClicked(marker);
            return true;
        }
    }
    return false;
}

QColor ChartPanel::colorOf(const QString& key)
{
    const auto found = m_colorIndex.constFind(key);
    const int index = found != m_colorIndex.cend() ? *found : int(m_colorIndex.size());
    if (found == m_colorIndex.cend())
        m_colorIndex.insert(key, index);
    return seriesPalette[index % std::size(seriesPalette)];
}

QLineSeries* ChartPanel::slotOf(const QString& key) const
{
    const qsizetype slot = m_slotKeys.indexOf(key);
    return slot < 0 ? nullptr : m_slots[slot];
}

void ChartPanel::assignSlots(const QStringList& drawn, const std::function<QString(const QString&)>& nameOf)
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

void ChartPanel::syncLegendMarkers()
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
        connect(marker, &QLegendMarker::clicked, this, &ChartPanel::onLegendMarkerClickedSignal, Qt::UniqueConnection);
        showMarkerOf(marker, series->isVisible());
    }
}

void ChartPanel::onLegendMarkerClickedSignal()
{
    if (auto* marker = qobject_cast<QLegendMarker*>(sender()))
        onLegendMarkerClicked(marker);
}

void ChartPanel::hideReferenceLegendMarkers()
{
    QList<QLineSeries*> lines { m_targetLine, m_baselineLine };
    lines << m_thresholdLines;
    for (QLineSeries* line : lines) {
        for (QLegendMarker* marker : m_chart->legend()->markers(line))
            marker->setVisible(false);
    }
}

void ChartPanel::fitValueAxis(qint64 fromMs, qint64 toMs, double low, double high)
{
    const double target = m_spec.target.target;
    const double baseline = m_spec.target.baseline;
    m_targetLine->replace({ QPointF(fromMs, target), QPointF(toMs, target) });
    m_baselineLine->replace({ QPointF(fromMs, baseline), QPointF(toMs, baseline) });
    low = std::min({ low, target, baseline });
    high = std::max({ high, target, baseline });
    for (qsizetype i = 0; i < m_thresholdLines.size(); ++i) {
        const double value = m_spec.thresholds[i].value;
        m_thresholdLines[i]->replace({ QPointF(fromMs, value), QPointF(toMs, value) });
        low = std::min(low, value);
        high = std::max(high, value);
    }
    const NiceAxis axis = paddedNiceAxis(low, high);
    m_axisY->setRange(axis.min, axis.max);
    m_axisY->setTickCount(axis.tickCount);
    m_axisY->setLabelFormat(axis.labelFormat());
}

void ChartPanel::placeReferenceLabels()
{
    const QRectF plot = m_chart->plotArea();
    const auto place = [&](QGraphicsSimpleTextItem* label, QLineSeries* line, double value, bool above) {
        const QPointF at = m_chart->mapToPosition(QPointF(m_axisX->max().toMSecsSinceEpoch(), value), line);
        const QRectF box = label->boundingRect();
        label->setPos(plot.right() - box.width() - 4, above ? at.y() - box.height() - 1 : at.y() + 1);
    };
    // The label of the higher line goes above it and the lower one below, so they never overlap.
    const bool targetHigher = m_spec.target.target >= m_spec.target.baseline;
    place(m_targetLabel, m_targetLine, m_spec.target.target, targetHigher);
    place(m_baselineLabel, m_baselineLine, m_spec.target.baseline, !targetHigher);
    // Threshold labels sit at the left end, clear of the target and baseline labels on the right.
    for (qsizetype i = 0; i < m_thresholdLines.size(); ++i) {
        const QPointF at = m_chart->mapToPosition(
            QPointF(m_axisX->min().toMSecsSinceEpoch(), m_spec.thresholds[i].value), m_thresholdLines[i]);
        m_thresholdLabels[i]->setPos(plot.left() + 4, at.y() - m_thresholdLabels[i]->boundingRect().height() - 1);
    }
}

void ChartPanel::onLegendMarkerClicked(QLegendMarker* marker)
{
    QAbstractSeries* series = marker->series();
    series->setVisible(!series->isVisible());
    if (const qsizetype slot = m_slots.indexOf(static_cast<QLineSeries*>(series)); slot >= 0) {
        if (series->isVisible())
            m_hiddenKeys.remove(m_slotKeys[slot]);
        else
            m_hiddenKeys.insert(m_slotKeys[slot]);
    }
    showMarkerOf(marker, series->isVisible());
}

void ChartPanel::onPlotAreaChanged()
{
    if (!m_store || !m_spec.query.isEmpty() || m_redecimateQueued)
        return;
    if (std::max(16, int(m_chart->plotArea().width())) == m_decimatedColumns)
        return;
    // Queued: the refresh sets axis ranges, which may move the plot area again while Qt Charts lays out.
    m_redecimateQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_redecimateQueued = false;
        if (m_store)
            refresh(*m_store, m_fromMs, m_toMs);
    });
}

void ChartPanel::refresh(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs)
{
    if (!m_spec.query.isEmpty())
        return; // a PromQL panel draws what setQueryState() hands it
    // One M4 column per pixel column: what a line chart can show, and a cost that follows pixels.
    const int columns = std::max(16, int(m_chart->plotArea().width()));
    m_decimatedColumns = columns;
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();

    m_selection = selectSeries(
        reduceStoreSeries(store, m_spec, fromMs, toMs), m_spec.target.direction, m_spec.maxSeries, m_pinned);
    assignSlots(m_selection.drawn, [&](const QString& key) { return legendName(store.labels(key), m_spec.metric); });
    for (const QString& key : std::as_const(m_selection.drawn)) {
        TimeSeriesStore::DecimatedSeries decimated = store.decimate(key, fromMs, toMs, columns);
        if (m_spec.displayScale != 1.0) {
            for (QPointF& point : decimated.points)
                point.setY(point.y() * m_spec.displayScale);
        }
        QLineSeries* series = slotOf(key);
        if (!decimated.points.isEmpty() && series->isVisible()) {
            // A negative scale would swap the extremes.
            const double a = decimated.minValue * m_spec.displayScale;
            const double b = decimated.maxValue * m_spec.displayScale;
            low = std::min({ low, a, b });
            high = std::max({ high, a, b });
        }
        m_plot->setPoints(series, std::move(decimated.points));
    }

    // Qt Charts axes do not follow the data: set the value range on every refresh.
    fitValueAxis(fromMs, toMs, low, high);
    m_axisX->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    const TimeAxisTicks ticks = liveTimeAxisTicks(toMs - fromMs);
    m_axisX->setTickCount(ticks.tickCount);
    m_axisX->setFormat(ticks.format);
    placeReferenceLabels();

    m_currentValue = m_selection.worst;
    m_scorecard->setCurrentValue(m_currentValue);
    updateSeriesNote();
    m_store = &store;
    m_fromMs = fromMs;
    m_toMs = toMs;
}

QList<VisibleSeries> ChartPanel::visibleSeries() const
{
    QList<VisibleSeries> result;
    if (!m_spec.query.isEmpty()) {
        for (const VisibleSeries& series : m_queryLines) {
            if (!m_hiddenKeys.contains(series.name))
                result << series;
        }
        return result;
    }
    if (!m_store)
        return result;
    // Every series, drawn or not (a panel draws at most maxSeries), less those hidden in the legend.
    for (const QString& key : m_store->seriesKeys(m_spec.metric)) {
        if (m_hiddenKeys.contains(key))
            continue;
        VisibleSeries series { legendName(m_store->labels(key), m_spec.metric), {} };
        // Raw samples, not the decimated points: an export must not lose what M4 merged away.
        for (const LatestSample& sample : m_store->samples(key, m_fromMs, m_toMs))
            series.points.append(QPointF(double(sample.timestampMs), sample.value * m_spec.displayScale));
        result << series;
    }
    return result;
}

QString ChartPanel::seriesNote() const
{
    return m_seriesNote->isHidden() ? QString() : m_seriesNote->text();
}

void ChartPanel::updateSeriesNote()
{
    const QString note = m_selection.describe(m_spec.reduce);
    m_seriesNote->setText(note);
    m_seriesNote->setVisible(!note.isEmpty() || !m_pinned.isEmpty());
    m_pickSeriesButton->setVisible(!note.isEmpty() || !m_pinned.isEmpty());
}

QStringList ChartPanel::allSeriesKeys() const
{
    if (!m_spec.query.isEmpty()) {
        QStringList names;
        for (const VisibleSeries& series : m_queryLines)
            names << series.name;
        return names;
    }
    return m_store ? m_store->seriesKeys(m_spec.metric) : QStringList();
}

void ChartPanel::setPinnedSeries(const QSet<QString>& keys)
{
    m_pinned = keys;
    if (!m_spec.query.isEmpty())
        setQueryState(m_queryState);
    else if (m_store)
        refresh(*m_store, m_fromMs, m_toMs);
}

void ChartPanel::pickSeries()
{
    SeriesPickerDialog dialog(allSeriesKeys(), m_pinned, m_spec.maxSeries, this);
    dialog.setWindowTitle(QStringLiteral("Series of %1").arg(m_spec.title));
    if (dialog.exec() == QDialog::Accepted)
        setPinnedSeries(dialog.pinnedSeries());
}

} // namespace perfdash

namespace perfdash {

void ChartPanel::setQueryState(const PanelQueryState& state)
{
    // Each series is drawn as one line per gap-free run (the plot item breaks the line at a NaN put
    // between runs), so a gap reads as a gap and the legend names each series once.
    m_queryState = state;
    m_queryLines.clear();
    for (const PanelLine& line : state.lines) {
        VisibleSeries series { line.name, line.points };
        for (QPointF& point : series.points)
            point.setY(point.y() * m_spec.displayScale);
        m_queryLines << series;
    }
    m_fromMs = state.fromMs;
    m_toMs = state.toMs;
    // Qt Charts' time axis shows local time: UTC is shown by shifting the drawn times by the local offset.
    const double shiftMs = state.utc ? -1000.0 * QDateTime::currentDateTime().offsetFromUtc() : 0.0;
    m_axisX->setTitleText(state.utc ? QStringLiteral("time (UTC)") : QStringLiteral("time (local)"));
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    // The lines to draw, by the scorecard's rule over each line's own points.
    const QList<ReducedSeries> reduced = reduceQueryLines(state.lines, m_spec);
    QHash<QString, qsizetype> lineOfName;
    for (qsizetype index = 0; index < state.lines.size(); ++index)
        lineOfName.insert(state.lines[index].name, index);
    // The newest finite point of any line, for an empty instant.
    const std::optional<QPointF> lastSeen = newestFinitePoint(state.lines, m_spec.displayScale, m_spec.target.direction);
    m_selection = selectSeries(reduced, m_spec.target.direction, m_spec.maxSeries, m_pinned);
    assignSlots(m_selection.drawn, [](const QString& name) { return name; });
    for (const QString& name : std::as_const(m_selection.drawn)) {
        const PanelLine& line = state.lines[lineOfName.value(name)];
        const QList<QList<QPointF>> runs = splitAtGaps(line.points, state.stepMs);
        QLineSeries* series = slotOf(name);
        QList<QPointF> points;
        for (const QList<QPointF>& run : runs) {
            if (!points.isEmpty())
                points.append(QPointF(run.first().x() + shiftMs, std::nan("")));
            for (const QPointF& point : run) {
                points.append(QPointF(point.x() + shiftMs, point.y() * m_spec.displayScale));
                if (series->isVisible()) {
                    low = std::min(low, points.last().y());
                    high = std::max(high, points.last().y());
                }
            }
        }
        m_plot->setPoints(series, std::move(points));
    }

    const qint64 fromMs = state.fromMs + qint64(shiftMs);
    const qint64 toMs = state.toMs + qint64(shiftMs);
    fitValueAxis(fromMs, toMs, low, high);
    if (toMs > fromMs) {
        m_axisX->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
        const TimeAxisTicks ticks = queryTimeAxisTicks(toMs - fromMs);
        m_axisX->setTickCount(ticks.tickCount);
        m_axisX->setFormat(ticks.format);
    }
    placeReferenceLabels();

    m_currentValue = state.instantValue * m_spec.displayScale;
    // The instant may fall in a gap while the chart has points: say so, and what was seen last.
    if (std::isnan(m_currentValue) && lastSeen && state.phase == PanelQueryState::Phase::Loaded)
        m_scorecard->setNoCurrentValue(qint64(lastSeen->x()), lastSeen->y(), state.utc);
    else
        m_scorecard->setCurrentValue(m_currentValue);
    updateSeriesNote();

    QStringList words;
    QString color = QStringLiteral("#5f6368");
    m_failure = state.phase == PanelQueryState::Phase::Failed ? state.message : QString();
    if (state.phase == PanelQueryState::Phase::Failed) {
        words << state.message;
        color = QStringLiteral("#d93025");
    } else if (state.phase == PanelQueryState::Phase::Waiting) {
        words << state.message;
    } else if (state.lines.isEmpty()) {
        words << QStringLiteral("no data: the query returned no series for this time range");
    }
    if (const qsizetype nonFinite = nonFiniteCount(state.lines); nonFinite > 0)
        words << QStringLiteral("%1 NaN/±Inf values not drawn (kept in the data)").arg(nonFinite);
    if (!state.notes.isEmpty()) {
        words << state.notes;
        if (state.phase != PanelQueryState::Phase::Failed)
            color = QStringLiteral("#b06000");
    }
    m_queryMessage->setText(words.join(QLatin1Char('\n')));
    m_queryMessage->setStyleSheet(QStringLiteral("color: %1;").arg(color));
    m_queryMessage->setVisible(!words.isEmpty());
}

void ChartPanel::setFailure(const QString& reason)
{
    m_failure = reason;
    m_queryMessage->setText(reason);
    m_queryMessage->setStyleSheet(QStringLiteral("color: #d93025;"));
    m_queryMessage->setVisible(!reason.isEmpty());
}

QString ChartPanel::queryMessage() const
{
    return m_queryMessage->isHidden() ? QString() : m_queryMessage->text();
}

int ChartPanel::drawnLineCount() const
{
    return m_plot->runCount();
}

} // namespace perfdash
