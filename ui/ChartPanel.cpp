#include "ChartPanel.h"

#include "AnnotationLayerItem.h"
#include "CrosshairChartView.h"
#include "HeatmapChartRenderer.h"
#include "HeatmapSummary.h"
#include "HistogramQuantile.h"
#include "PanelChart.h"
#include "PanelWindowValues.h"
#include "QueryChartRenderer.h"
#include "Scorecard.h"
#include "ScorecardReduction.h"
#include "SeriesPickerDialog.h"
#include "StoreChartRenderer.h"
#include "StoreHistogramFrames.h"
#include "TextTone.h"
#include "Theme.h"
#include "TimeAxisTicks.h"
#include "TimeSeriesStore.h"
#include "WindowComparisonView.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace perfdash {

ChartPanel::ChartPanel(const PanelSpec& spec, QWidget* parent)
    : QFrame(parent)
    , m_spec(spec)
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("panel:") + spec.title);

    m_scorecard = new Scorecard(spec, this);

    m_chart = new PanelChart(spec, this);
    m_storeRenderer = std::make_unique<StoreChartRenderer>(spec, *m_chart);
    m_queryRenderer = std::make_unique<QueryChartRenderer>(spec, *m_chart);
    if (spec.isHeatmap())
        m_heatmapRenderer = std::make_unique<HeatmapChartRenderer>(spec, *m_chart);
    connect(m_chart, &PanelChart::plotAreaChanged, this, &ChartPanel::onPlotAreaChanged);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(2);
    layout->addWidget(m_scorecard);
    m_queryMessage = new QLabel(this);
    m_queryMessage->setObjectName(QStringLiteral("queryMessage"));
    m_queryMessage->setWordWrap(true);
    m_queryMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_queryMessage->setText(
        QStringLiteral("waiting for the first answer from the Prometheus data source \"%1\"…").arg(spec.sourceId));
    m_queryMessage->setVisible(!spec.query.isEmpty()); // a PromQL panel is never silently empty
    layout->addWidget(m_queryMessage);
    auto* seriesRow = new QHBoxLayout;
    seriesRow->setContentsMargins(0, 0, 0, 0);
    m_seriesNote = new QLabel(this);
    m_seriesNote->setObjectName(QStringLiteral("seriesNote"));
    setTextTone(m_seriesNote, TextTone::Muted);
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
    layout->addWidget(m_chart->view(), 1);
    m_comparisonView = new WindowComparisonView(spec.unit, this);
    m_comparisonView->hide();
    layout->addWidget(m_comparisonView, 1);
}

// Out of line: the renderers are complete types only here.
ChartPanel::~ChartPanel() = default;

qsizetype ChartPanel::pointCount() const { return m_chart->pointCount(); }

QString ChartPanel::targetLineLabel() const { return m_chart->targetLineLabel(); }

qsizetype ChartPanel::targetLinePointCount() const { return m_chart->targetLinePointCount(); }

qsizetype ChartPanel::baselineLinePointCount() const { return m_chart->baselineLinePointCount(); }

QStringList ChartPanel::thresholdLineLabels() const { return m_chart->thresholdLineLabels(); }

double ChartPanel::valueAxisMax() const { return m_chart->valueAxisMax(); }

QStringList ChartPanel::legendLabels() const { return m_chart->legendLabels(); }

bool ChartPanel::isLegendEntryVisible(const QString& label) const { return m_chart->isLegendEntryVisible(label); }

bool ChartPanel::toggleLegendEntry(const QString& label) { return m_chart->toggleLegendEntry(label); }

void ChartPanel::onPlotAreaChanged()
{
    // A heatmap's image follows the plot area by itself; its columns follow the width on the next refresh.
    if (!m_store || !m_spec.query.isEmpty() || m_redecimateQueued || m_heatmapRenderer)
        return;
    if (m_chart->plotColumns() == m_storeRenderer->decimatedColumns())
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
    if (m_heatmapRenderer) {
        const HistogramFrames& frames = streamHeatmapFrames(store, fromMs, toMs);
        m_selection = m_heatmapRenderer->draw(
            frames, heatmapLines(frames, m_spec), fromMs, toMs, 0, liveTimeAxisTicks(toMs - fromMs));
        showHeatmapScorecard();
    } else {
        m_selection = m_storeRenderer->draw(store, fromMs, toMs, m_pinned);
        m_currentValue = m_selection.worst;
        m_scorecard->setCurrentValue(m_currentValue);
        updateSeriesNote();
    }
    m_store = &store;
    m_fromMs = fromMs;
    m_toMs = toMs;
}

void ChartPanel::showHeatmapScorecard()
{
    const std::optional<HeatmapSummary>& summary = m_heatmapRenderer->summary();
    m_currentValue = summary ? summary->objectiveQuantile * m_spec.displayScale : std::nan("");
    m_scorecard->setDistribution(summary ? summary->shareUnderTarget : std::nan(""), m_currentValue);
}

qint64 ChartPanel::heatmapStepMs(qint64 rangeMs) const
{
    // Cells a few pixels wide, and never finer than a second: a rate over less than the stream's own
    // update interval would flicker between 0 and a spike.
    const int columns = std::max(16, m_chart->plotColumns() / 4);
    return std::max<qint64>(1000, rangeMs / columns);
}

const HistogramFrames& ChartPanel::streamHeatmapFrames(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs)
{
    // A sample of the newest column may arrive a moment after the column's time: read once more after that.
    constexpr qint64 lateSampleMs = 300;
    const qint64 stepMs = heatmapStepMs(toMs - fromMs);
    StreamHeatmapGrid grid { &store, (fromMs + stepMs - 1) / stepMs, toMs / stepMs, stepMs, false };
    grid.settled = toMs - grid.lastColumn * stepMs >= lateSampleMs;
    if (!(grid == m_heatmapGrid)) {
        m_heatmapFrames = storeHistogramFrames(store, m_spec.metric, fromMs, toMs, stepMs);
        m_heatmapGrid = grid;
    }
    return m_heatmapFrames;
}

const HistogramFrames* ChartPanel::histogramFrames() const
{
    return m_heatmapRenderer ? &m_heatmapRenderer->frames() : nullptr;
}

std::optional<HeatmapSummary> ChartPanel::heatmapSummary() const
{
    return m_heatmapRenderer ? m_heatmapRenderer->summary() : std::nullopt;
}

QList<VisibleSeries> ChartPanel::visibleSeries() const
{
    if (m_heatmapRenderer)
        return m_heatmapRenderer->visibleSeries();
    if (!m_spec.query.isEmpty())
        return m_queryRenderer->visibleSeries();
    if (!m_store)
        return {};
    return m_storeRenderer->visibleSeries(*m_store, m_fromMs, m_toMs);
}

QString ChartPanel::seriesNote() const { return m_seriesNote->isHidden() ? QString() : m_seriesNote->text(); }

void ChartPanel::updateSeriesNote()
{
    const QString note = m_selection.describe(m_spec.reduce);
    m_seriesNote->setText(note);
    m_seriesNote->setVisible(!note.isEmpty() || !m_pinned.isEmpty());
    m_pickSeriesButton->setVisible(!note.isEmpty() || !m_pinned.isEmpty());
}

QStringList ChartPanel::allSeriesKeys() const
{
    if (m_heatmapRenderer)
        return m_selection.drawn;
    if (!m_spec.query.isEmpty()) {
        QStringList names;
        for (const VisibleSeries& series : m_queryRenderer->lines())
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

void ChartPanel::setQueryState(const PanelQueryState& state)
{
    m_queryState = state;
    m_fromMs = state.fromMs;
    m_toMs = state.toMs;
    if (m_heatmapRenderer) {
        // Qt Charts' time axis shows local time: UTC is shown by shifting the drawn times by the local offset.
        const double shiftMs = state.utc ? -1000.0 * QDateTime::currentDateTime().offsetFromUtc() : 0.0;
        m_chart->setTimeAxisTitle(state.utc ? QStringLiteral("time (UTC)") : QStringLiteral("time (local)"));
        m_chart->setTimeShiftMs(shiftMs);
        m_selection = m_heatmapRenderer->draw(state.histogram, state.lines, state.fromMs, state.toMs, shiftMs,
            queryTimeAxisTicks(state.toMs - state.fromMs));
        showHeatmapScorecard();
    } else {
        m_selection = m_queryRenderer->draw(state, m_pinned);
        showQueryScorecard(state);
    }
    showQueryMessage(state);
}

void ChartPanel::showQueryScorecard(const PanelQueryState& state)
{
    m_currentValue = state.instantValue * m_spec.displayScale;
    // The instant may fall in a gap while the chart has points: say so, and what was seen last.
    const std::optional<QPointF> lastSeen
        = newestFinitePoint(state.lines, m_spec.displayScale, m_spec.target.direction);
    if (std::isnan(m_currentValue) && lastSeen && state.phase == PanelQueryState::Phase::Loaded)
        m_scorecard->setNoCurrentValue(qint64(lastSeen->x()), lastSeen->y(), state.utc);
    else
        m_scorecard->setCurrentValue(m_currentValue);
    updateSeriesNote();
}

void ChartPanel::showQueryMessage(const PanelQueryState& state)
{
    QStringList words;
    TextTone tone = TextTone::Muted;
    m_failure = state.phase == PanelQueryState::Phase::Failed ? state.message : QString();
    if (state.phase == PanelQueryState::Phase::Failed) {
        words << state.message;
        tone = TextTone::Bad;
    } else if (state.phase == PanelQueryState::Phase::Waiting) {
        words << state.message;
    } else if (state.lines.isEmpty() || (m_heatmapRenderer && state.histogram.columns.isEmpty())) {
        words << QStringLiteral("no data: the query returned no series for this time range");
    }
    // A heatmap's quantile lines are NaN where a step has no observations: nothing the data had is hidden.
    if (const qsizetype nonFinite = m_heatmapRenderer ? 0 : nonFiniteCount(state.lines); nonFinite > 0)
        words << QStringLiteral("%1 NaN/±Inf values not drawn (kept in the data)").arg(nonFinite);
    if (!state.notes.isEmpty()) {
        words << state.notes;
        if (state.phase != PanelQueryState::Phase::Failed)
            tone = TextTone::Warning;
    }
    m_queryMessage->setText(words.join(QLatin1Char('\n')));
    setTextTone(m_queryMessage, tone);
    m_queryMessage->setVisible(!words.isEmpty());
}

void ChartPanel::setFailure(const QString& reason)
{
    m_failure = reason;
    m_queryMessage->setText(reason);
    setTextTone(m_queryMessage, TextTone::Bad);
    m_queryMessage->setVisible(!reason.isEmpty());
}

QString ChartPanel::queryMessage() const { return m_queryMessage->isHidden() ? QString() : m_queryMessage->text(); }

int ChartPanel::drawnLineCount() const { return m_chart->runCount(); }

CrosshairChartView* ChartPanel::chartView() const { return m_chart->view(); }

void ChartPanel::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    // The window's theme, or the one an export renders this panel in.
    m_chart->applyTheme(Theme::of(this));
    refreshTextTones(this);
}

void ChartPanel::setAnnotations(QList<Annotation> annotations) { m_chart->setAnnotations(std::move(annotations)); }

void ChartPanel::setSelectedAnnotation(const std::optional<Annotation>& selected)
{
    m_chart->setSelectedAnnotation(selected);
}

void ChartPanel::setComparisonWindows(const std::optional<TimeRange>& before, const std::optional<TimeRange>& after)
{
    m_chart->setComparisonWindows(before, after);
}

const QList<Annotation>& ChartPanel::drawnAnnotations() const { return m_chart->annotationLayer()->annotations(); }

QWidget* ChartPanel::plotViewport() const { return m_chart->view()->viewport(); }

QRectF ChartPanel::plotRect() const { return m_chart->view()->plotRectInView(); }

int ChartPanel::paintedAnnotationColumns() const { return m_chart->annotationLayer()->paintedPointColumns(); }

void ChartPanel::showCrosshairAt(std::optional<qint64> timeMs) { m_chart->view()->showCrosshairAt(timeMs); }

double ChartPanel::valueAt(qint64 timeMs) const
{
    if (m_heatmapRenderer) {
        // The objective's quantile of the column that covers the time (its rate window ends at or after it).
        for (const HistogramColumn& column : m_heatmapRenderer->frames().columns) {
            if (column.timeMs >= timeMs)
                return histogramQuantile(m_spec.objective, column) * m_spec.displayScale;
        }
        return std::nan("");
    }
    double worst = std::nan("");
    for (const double value : m_chart->view()->valuesAt(timeMs))
        worst = std::isnan(worst) ? value : worseOf(worst, value, m_spec.target.direction);
    return worst;
}

std::optional<qint64> ChartPanel::timeAtGlobal(const QPoint& globalPosition) const
{
    const CrosshairChartView* view = m_chart->view();
    return view->timeAt(view->mapFromGlobal(globalPosition));
}

std::optional<Annotation> ChartPanel::annotationAtGlobal(const QPoint& globalPosition) const
{
    return m_chart->view()->annotationAt(m_chart->view()->mapFromGlobal(globalPosition));
}

PanelWindowValues ChartPanel::windowValues(const TimeWindow& before, const TimeWindow& after) const
{
    if (m_heatmapRenderer)
        return lineWindowValues(m_heatmapRenderer->quantileLines(), m_spec, m_selection.drawn, before, after);
    if (!m_spec.query.isEmpty())
        return lineWindowValues(m_queryState.lines, m_spec, m_selection.drawn, before, after);
    if (!m_store)
        return { m_spec.title, m_spec.target, {} };
    PanelWindowValues values = storeWindowValues(*m_store, m_spec, m_selection.drawn, before, after);
    for (SeriesWindowValues& series : values.series)
        series.series = storeLegendName(m_store->labels(series.series), m_spec.metric); // as the legend names it
    return values;
}

void ChartPanel::showWindowComparison(const std::optional<PanelWindowComparison>& comparison)
{
    if (comparison)
        m_comparisonView->setComparison(*comparison);
    m_comparisonView->setVisible(comparison.has_value());
    m_chart->view()->setVisible(!comparison.has_value());
}

const WindowComparisonView* ChartPanel::windowComparisonView() const
{
    return m_comparisonView->isHidden() ? nullptr : m_comparisonView;
}

PanelQuery ChartPanel::panelQuery() const
{
    return { m_spec, width() - 80 };
}

} // namespace perfdash
