#include "DashboardView.h"

#include "AnnotationLog.h"
#include "ChartPanel.h"
#include "CompareWindowsDialog.h"
#include "CrosshairChartView.h"
#include "Duration.h"
#include "QueryExpansion.h"
#include "Scorecard.h"
#include "TargetTableModel.h"
#include "TimeSeriesStore.h"
#include "TimeWindowSpec.h"

#include <QAction>
#include <QCursor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    // 30 Hz, the ceiling: a sample waits for the next frame, so the interval bounds its arrival-to-pixel
    // latency from below (at 20 Hz the p99 could never get under 50 ms).
    constexpr int refreshIntervalMs = 33;
    // Zoomed, the range holds still: redraw only for late data and new annotations.
    constexpr int zoomedRefreshIntervalMs = 1'000;

    QString clockText(qint64 ms, qint64 spanMs)
    {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
        return time.toString(
            spanMs >= 24 * 3'600'000 ? QStringLiteral("yyyy-MM-dd HH:mm") : QStringLiteral("HH:mm:ss"));
    }
}

DashboardView::DashboardView(const DashboardSpec& spec, const TimeSeriesStore& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(6, 6, 6, 6);
    m_grid->setSpacing(6);

    m_targetModel = new TargetTableModel(this);
    m_targetsBox = new QGroupBox(QStringLiteral("Targets"), this);
    auto* targetsBox = m_targetsBox;
    m_targetTable = new QTableView(targetsBox);
    m_targetTable->setModel(m_targetModel);
    m_targetTable->verticalHeader()->hide();
    // Numbers keep their width; the name column gives way (elided) when the cell is narrow.
    m_targetTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_targetTable->horizontalHeader()->setSectionResizeMode(TargetTableModel::NameColumn, QHeaderView::Stretch);
    m_targetTable->setTextElideMode(Qt::ElideRight);
    m_targetTable->setWordWrap(false);
    m_targetTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_targetTable->setAlternatingRowColors(true);
    auto* boxLayout = new QVBoxLayout(targetsBox);
    boxLayout->addWidget(m_targetTable);

    // Shortcuts belong to this tab only: another tab's view keeps its own range.
    const auto makeAction = [this](QStyle::StandardPixmap icon, const QString& text, const QKeySequence& key,
                                const QString& tip, void (DashboardView::*slot)()) {
        auto* action = new QAction(style()->standardIcon(icon), text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, this, slot);
        QWidget::addAction(action);
        return action;
    };
    m_backAction = makeAction(QStyle::SP_ArrowBack, QStringLiteral("Back"), QKeySequence(Qt::ALT | Qt::Key_Left),
        QStringLiteral("The time range shown before"), &DashboardView::back);
    m_backAction->setObjectName(QStringLiteral("timeBackAction"));
    m_forwardAction = makeAction(QStyle::SP_ArrowForward, QStringLiteral("Forward"),
        QKeySequence(Qt::ALT | Qt::Key_Right), QStringLiteral("The time range shown after"), &DashboardView::forward);
    m_forwardAction->setObjectName(QStringLiteral("timeForwardAction"));
    m_liveAction = makeAction(QStyle::SP_MediaSeekForward, QStringLiteral("Live"), QKeySequence(Qt::Key_Escape),
        QStringLiteral("Follow now again"), &DashboardView::goLive);
    m_liveAction->setObjectName(QStringLiteral("liveAction"));
    for (QAction* action : navigationActions())
        action->setEnabled(false); // live, with no history yet
    const auto keyAction = [this](const QString& text, const QKeySequence& key, const QString& name) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        QWidget::addAction(action);
        return action;
    };
    m_shiftBackAction = keyAction(QStringLiteral("Shift Range Back"), QKeySequence(QStringLiteral("T, Left")),
        QStringLiteral("shiftRangeBackAction"));
    connect(m_shiftBackAction, &QAction::triggered, this, [this] { panByShare(-0.5); });
    m_shiftForwardAction = keyAction(QStringLiteral("Shift Range Forward"), QKeySequence(QStringLiteral("T, Right")),
        QStringLiteral("shiftRangeForwardAction"));
    connect(m_shiftForwardAction, &QAction::triggered, this, [this] { panByShare(0.5); });
    m_viewPanelAction
        = keyAction(QStringLiteral("View Panel"), QKeySequence(Qt::Key_V), QStringLiteral("viewPanelAction"));
    connect(m_viewPanelAction, &QAction::triggered, this, [this] { viewPanel(hoveredPanel()); });
    // While a panel is viewed, Esc returns to the grid (and only then goes live, as it does otherwise).
    m_exitViewAction = keyAction(
        QStringLiteral("Back to All Panels"), QKeySequence(Qt::Key_Escape), QStringLiteral("exitPanelViewAction"));
    m_exitViewAction->setEnabled(false);
    connect(m_exitViewAction, &QAction::triggered, this, [this] { viewPanel(-1); });
    m_compareAction = new QAction(QStringLiteral("Compare Windows…"), this);
    m_compareAction->setObjectName(QStringLiteral("compareWindowsAction"));
    m_compareAction->setToolTip(
        QStringLiteral("Compare every panel before and after: pick two windows here, Ctrl+drag them on a chart, or "
                       "right-click an annotation"));
    connect(m_compareAction, &QAction::triggered, this, [this] {
        const WindowPair guess = suggestedWindows();
        CompareWindowsDialog dialog(guess.before, guess.after, this);
        if (dialog.exec() == QDialog::Accepted)
            compareWindows(dialog.before(), dialog.after());
    });
    m_showComparisonAction = new QAction(QStringLiteral("Comparison"), this);
    m_showComparisonAction->setObjectName(QStringLiteral("showComparisonAction"));
    m_showComparisonAction->setCheckable(true);
    m_showComparisonAction->setChecked(true);
    m_showComparisonAction->setToolTip(
        QStringLiteral("Show the before/after comparison, or the charts with both windows shaded"));
    connect(m_showComparisonAction, &QAction::toggled, this, &DashboardView::setComparisonShown);
    m_endComparisonAction = new QAction(QStringLiteral("End Comparison"), this);
    m_endComparisonAction->setObjectName(QStringLiteral("endComparisonAction"));
    connect(m_endComparisonAction, &QAction::triggered, this, &DashboardView::endComparison);
    for (QAction* action : { m_showComparisonAction, m_endComparisonAction })
        action->setVisible(false);
    setFocusPolicy(Qt::StrongFocus);
    setDashboard(spec);

    m_refreshTimer.setInterval(refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DashboardView::refreshOnTick);
    m_refreshTimer.start();
}

void DashboardView::setVariableChoices(const QHash<QString, QString>& choices)
{
    m_variableChoices = choices;
    for (ChartPanel* panel : std::as_const(m_panels))
        panel->scorecard()->setShownTitle(expandVariables(panel->spec().title, choices));
}

void DashboardView::setDashboard(const DashboardSpec& spec)
{
    // Notes added or removed, or another variable choice, change no panel: keep the panels (their pinned and
    // hidden series) as they are.
    DashboardSpec withoutNotes = spec;
    withoutNotes.annotations = m_spec.annotations;
    withoutNotes.variables = m_spec.variables;
    if (withoutNotes == m_spec && !m_panels.isEmpty()) {
        m_spec = spec;
        refreshNow();
        return;
    }
    // Old panels may be the sender of the action that got us here ("Remove panel"): delete them later.
    for (ChartPanel* panel : std::as_const(m_panels)) {
        m_grid->removeWidget(panel);
        panel->hide();
        panel->deleteLater();
    }
    m_panels.clear();
    m_grid->removeWidget(m_targetsBox);
    for (int column = 0; column < m_grid->columnCount(); ++column)
        m_grid->setColumnStretch(column, 0);

    m_spec = spec;
    m_viewedPanel = -1; // new panels: the grid again
    m_exitViewAction->setEnabled(false);
    m_liveAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_targetsBox->show();
    const int gridColumns = std::max(1, spec.gridColumns);
    for (const PanelSpec& panelSpec : spec.panels) {
        auto* panel = new ChartPanel(panelSpec, this);
        const int index = int(m_panels.size());
        panel->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(panel, &QWidget::customContextMenuRequested, this, [this, panel](const QPoint& at) {
            if (const qsizetype index = m_panels.indexOf(panel); index >= 0)
                Q_EMIT panelContextMenuRequested(int(index), panel->mapToGlobal(at));
        });
        connectPanel(panel);
        panel->setSelectedAnnotation(m_selected);
        panel->setComparisonWindows(m_before, m_after);
        panel->scorecard()->setShownTitle(expandVariables(panelSpec.title, m_variableChoices));
        m_grid->addWidget(panel, index / gridColumns, index % gridColumns);
        m_panels << panel;
    }
    m_targetModel->setPanels(spec.panels);
    if (m_comparedBefore)
        m_sinceComparison.invalidate(); // new panels: compare them at the refresh below
    const int index = int(m_panels.size());
    m_grid->addWidget(m_targetsBox, index / gridColumns, index % gridColumns,
        1, index % gridColumns == 0 ? gridColumns : gridColumns - index % gridColumns);
    for (int column = 0; column < gridColumns; ++column)
        m_grid->setColumnStretch(column, 1);
    refreshNow();
}

void DashboardView::setWindowMs(qint64 windowMs)
{
    const bool changed = windowMs != m_windowMs;
    m_windowMs = windowMs;
    refreshNow();
    if (changed)
        Q_EMIT navigationChanged(); // "live · last 5m" names the window
}

void DashboardView::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_pausedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (paused)
        m_refreshTimer.stop();
    else
        m_refreshTimer.start();
    refreshNow();
}

qint64 DashboardView::nowMs() const { return m_paused ? m_pausedAtMs : QDateTime::currentMSecsSinceEpoch(); }

TimeRange DashboardView::currentRange() const { return m_navigation.rangeAt(nowMs(), m_windowMs); }

void DashboardView::zoomTo(TimeRange range)
{
    // A dragged range of 10 s or more is taken to whole seconds, so the time axis reads round numbers.
    if (std::abs(range.lengthMs()) >= 10'000) {
        range.fromMs = range.fromMs / 1000 * 1000;
        range.toMs = (range.toMs + 999) / 1000 * 1000;
    }
    m_navigation.zoomTo(range);
    navigated();
}

void DashboardView::zoomAround(qint64 anchorMs, double factor)
{
    m_navigation.zoomAround(anchorMs, factor, nowMs(), m_windowMs);
    navigated();
}

void DashboardView::panByShare(double share) { panBy(qint64(double(currentRange().lengthMs()) * share)); }

void DashboardView::panBy(qint64 deltaMs)
{
    m_navigation.pan(deltaMs, nowMs(), m_windowMs);
    navigated();
}

void DashboardView::goLive()
{
    m_navigation.goLive();
    navigated();
}

void DashboardView::back()
{
    m_navigation.back();
    navigated();
}

void DashboardView::forward()
{
    m_navigation.forward();
    navigated();
}

void DashboardView::navigated()
{
    m_backAction->setEnabled(m_navigation.canGoBack());
    m_forwardAction->setEnabled(m_navigation.canGoForward());
    m_liveAction->setEnabled(!m_navigation.isLive());
    m_refreshTimer.setInterval(m_navigation.isLive() ? refreshIntervalMs : zoomedRefreshIntervalMs);
    refreshNow();
    Q_EMIT navigationChanged();
}

QString DashboardView::navigationText() const
{
    if (m_navigation.isLive())
        return QStringLiteral("live · last %1").arg(formatDuration(m_windowMs));
    const TimeRange range = currentRange();
    return QStringLiteral("zoomed to %1 – %2 (%3) · not following now")
        .arg(clockText(range.fromMs, range.lengthMs()), clockText(range.toMs, range.lengthMs()),
            formatDuration(range.lengthMs() >= 10'000 ? (range.lengthMs() + 500) / 1000 * 1000 : range.lengthMs()));
}

int DashboardView::hoveredPanel() const
{
    for (int index = 0; index < m_panels.size(); ++index) {
        const ChartPanel* panel = m_panels[index];
        if (panel->isVisible() && panel->rect().contains(panel->mapFromGlobal(QCursor::pos())))
            return index;
    }
    return -1;
}

void DashboardView::viewPanel(int index)
{
    if (index >= m_panels.size())
        index = -1;
    m_viewedPanel = index;
    for (int other = 0; other < m_panels.size(); ++other)
        m_panels[other]->setVisible(index < 0 || other == index);
    m_targetsBox->setVisible(index < 0);
    if (index >= 0) {
        m_grid->removeWidget(m_panels[index]);
        m_grid->addWidget(m_panels[index], 0, 0, 1, std::max(1, m_grid->columnCount()));
    } else {
        const int columns = std::max(1, m_spec.gridColumns);
        for (int panel = 0; panel < m_panels.size(); ++panel) {
            m_grid->removeWidget(m_panels[panel]);
            m_grid->addWidget(m_panels[panel], panel / columns, panel % columns);
        }
    }
    // Esc has one meaning at a time: back to the grid while a panel is viewed, else live.
    m_exitViewAction->setEnabled(index >= 0);
    m_liveAction->setShortcut(index >= 0 ? QKeySequence() : QKeySequence(Qt::Key_Escape));
    refreshNow();
}

void DashboardView::keyPressEvent(QKeyEvent* event)
{
    // Plain arrows pan a tenth of the range; Alt+arrows (back, forward) are actions.
    if (event->modifiers() == Qt::NoModifier && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right)) {
        panByShare(event->key() == Qt::Key_Left ? -0.1 : 0.1);
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void DashboardView::connectPanel(ChartPanel* panel)
{
    CrosshairChartView* view = panel->chartView();
    connect(view, &CrosshairChartView::zoomRequested, this, [this](qint64 fromMs, qint64 toMs) {
        zoomTo({ fromMs, toMs });
    });
    connect(view, &CrosshairChartView::wheelZoomRequested, this, &DashboardView::zoomAround);
    connect(view, &CrosshairChartView::panRequested, this, &DashboardView::panBy);
    connect(view, &CrosshairChartView::panFinished, this, [this] { m_navigation.endGesture(); });
    connect(view, &CrosshairChartView::liveRequested, this, &DashboardView::goLive);
    connect(view, &CrosshairChartView::windowPicked, this, [this](qint64 fromMs, qint64 toMs) {
        pickWindow({ fromMs, toMs });
    });
    connect(view, &CrosshairChartView::annotationClicked, this,
        [this](const Annotation& annotation) { selectAnnotation(annotation); });
    connect(view, &CrosshairChartView::hovered, this,
        [this, panel](std::optional<qint64> timeMs) { showCursorAt(panel, timeMs); });
}

void DashboardView::showCursorAt(ChartPanel* source, std::optional<qint64> timeMs)
{
    QList<double> values;
    for (ChartPanel* panel : std::as_const(m_panels)) {
        if (panel != source)
            panel->showCrosshairAt(timeMs);
        values << (timeMs ? panel->valueAt(*timeMs) : std::nan(""));
    }
    m_targetModel->setCursor(timeMs, values);
}

void DashboardView::setAnnotationLog(const AnnotationLog* log)
{
    m_annotationLog = log;
    refreshNow();
}

void DashboardView::selectAnnotation(const std::optional<Annotation>& annotation)
{
    m_selected = annotation;
    for (ChartPanel* panel : std::as_const(m_panels))
        panel->setSelectedAnnotation(annotation);
    Q_EMIT annotationSelected(annotation);
}

void DashboardView::pickWindow(const TimeWindow& window)
{
    if (!m_pickedBefore || isComparing()) {
        endComparison();
        m_pickedBefore = window;
        setComparisonWindows(TimeRange { window.fromMs, window.toMs }, std::nullopt);
        Q_EMIT comparisonChanged();
        return;
    }
    const TimeWindow before = *m_pickedBefore;
    m_pickedBefore.reset();
    compareWindows(before, window);
}

void DashboardView::compareWindows(const TimeWindow& before, const TimeWindow& after)
{
    m_pickedBefore.reset();
    m_comparedBefore = before;
    m_comparedAfter = after;
    setComparisonWindows(TimeRange { before.fromMs, before.toMs }, TimeRange { after.fromMs, after.toMs });
    // Both windows in view, with a margin: PromQL panels then answer both at one step.
    const qint64 from = std::min(before.fromMs, after.fromMs);
    const qint64 to = std::max(before.toMs, after.toMs);
    const qint64 margin = (to - from) / 20;
    zoomTo({ from - margin, to + margin });
    updateComparison();
}

void DashboardView::compareAround(const Annotation& annotation, qint64 widthMs)
{
    const WindowPair windows = windowsAroundAnnotation(annotation.timeMs, annotation.endMs, widthMs);
    compareWindows(windows.before, windows.after);
}

qint64 DashboardView::suggestedWidthMs() const
{
    return std::clamp<qint64>(currentRange().lengthMs() / 2, 10'000, 3'600'000);
}

WindowPair DashboardView::suggestedWindows() const
{
    if (m_selected)
        return windowsAroundAnnotation(m_selected->timeMs, m_selected->endMs, suggestedWidthMs());
    const TimeRange range = currentRange();
    const qint64 middle = range.fromMs + range.lengthMs() / 2;
    return { { range.fromMs, middle }, { middle, range.toMs } };
}

void DashboardView::endComparison()
{
    m_pickedBefore.reset();
    m_comparedBefore.reset();
    m_comparedAfter.reset();
    const bool wasComparing = m_comparison.has_value();
    m_comparison.reset();
    setComparisonWindows(std::nullopt, std::nullopt);
    for (ChartPanel* panel : std::as_const(m_panels))
        panel->showWindowComparison(std::nullopt);
    for (QAction* action : { m_showComparisonAction, m_endComparisonAction })
        action->setVisible(false);
    if (wasComparing)
        Q_EMIT comparisonChanged();
}

void DashboardView::setComparisonShown(bool shown)
{
    m_comparisonShown = shown;
    m_showComparisonAction->setChecked(shown);
    for (qsizetype index = 0; index < m_panels.size(); ++index) {
        const bool show = shown && m_comparison && index < m_comparison->panels().size();
        m_panels[index]->showWindowComparison(show ? std::optional(m_comparison->panels()[index]) : std::nullopt);
    }
}

void DashboardView::updateComparison()
{
    if (!m_comparedBefore || !m_comparedAfter)
        return;
    QList<PanelWindowValues> values;
    for (const ChartPanel* panel : std::as_const(m_panels))
        values << panel->windowValues(*m_comparedBefore, *m_comparedAfter);
    m_comparison = WindowComparison::compare(values, *m_comparedBefore, *m_comparedAfter);
    m_sinceComparison.start();
    for (QAction* action : { m_showComparisonAction, m_endComparisonAction })
        action->setVisible(true);
    setComparisonShown(m_comparisonShown);
    Q_EMIT comparisonChanged();
}

void DashboardView::setComparisonWindows(const std::optional<TimeRange>& before, const std::optional<TimeRange>& after)
{
    m_before = before;
    m_after = after;
    for (ChartPanel* panel : std::as_const(m_panels))
        panel->setComparisonWindows(before, after);
}

void DashboardView::refreshOnTick()
{
    // Nobody sees a dashboard on a tab in the background or in a minimised window: draw nothing, and catch
    // up on the first tick it is seen again. (A window not shown at all, as in tests, still draws.)
    if (const QWidget* top = window(); top->isVisible() && (!isVisible() || top->isMinimized())) {
        m_missedWhileUnseen = true;
        ++m_skippedFrames;
        Q_EMIT frameSkippedUnseen();
        return;
    }
    // Nothing visible changed: no sample stored or evicted, no new annotation, and the live edge moved less
    // than one pixel column of the widest panel. Redrawn at least once a second all the same, for what
    // follows the clock without new data (the age of the last sample).
    const TimeRange range = currentRange();
    int widest = 1;
    for (const ChartPanel* panel : std::as_const(m_panels))
        widest = std::max(widest, panel->width());
    const qint64 msPerColumn = std::max<qint64>(1, range.lengthMs() / widest);
    const bool unchanged = !m_missedWhileUnseen && m_store.changeCount() == m_drawnStoreChanges
        && (m_annotationLog ? m_annotationLog->revision() : 0) == m_drawnAnnotationRevision
        && std::abs(range.toMs - m_drawnToMs) < msPerColumn && m_sinceDrawn.isValid() && m_sinceDrawn.elapsed() < 1'000;
    if (unchanged) {
        ++m_skippedFrames;
        return;
    }
    refreshNow();
}

void DashboardView::refreshNow()
{
    QElapsedTimer clock;
    clock.start();
    // Read before drawing: a change landing while we draw makes the next tick draw again.
    m_drawnStoreChanges = m_store.changeCount();
    m_drawnAnnotationRevision = m_annotationLog ? m_annotationLog->revision() : 0;
    m_missedWhileUnseen = false;
    m_sinceDrawn.start();
    const TimeRange range = currentRange();
    m_drawnToMs = range.toMs;
    const qint64 from = range.fromMs;
    const qint64 to = range.toMs;
    // The log's marks and the dashboard's own notes (saved with it), in time order.
    const auto annotationsIn = [this](qint64 fromMs, qint64 toMs) {
        QList<Annotation> inRange = m_annotationLog ? m_annotationLog->inRange(fromMs, toMs) : QList<Annotation>();
        bool added = false;
        for (const Annotation& note : std::as_const(m_spec.annotations)) {
            if (note.overlaps(fromMs, toMs)) {
                inRange << note;
                added = true;
            }
        }
        if (added)
            std::stable_sort(inRange.begin(), inRange.end(),
                [](const Annotation& a, const Annotation& b) { return a.timeMs < b.timeMs; });
        return inRange;
    };
    const QList<Annotation> annotations = annotationsIn(from, to);
    for (int row = 0; row < m_panels.size(); ++row) {
        ChartPanel* panel = m_panels[row];
        panel->refresh(m_store, from, to);
        // A PromQL panel shows the range of its last answer, which may differ while a new one is on its way.
        const bool ownRange = panel->visibleFromMs() != from || panel->visibleToMs() != to;
        panel->setAnnotations(ownRange ? annotationsIn(panel->visibleFromMs(), panel->visibleToMs()) : annotations);
        m_targetModel->setCurrentValue(row, panel->currentValue());
    }
    // New samples (or a PromQL answer) may fill the windows: compare again, at most once a second.
    if (m_comparedBefore && (!m_sinceComparison.isValid() || m_sinceComparison.elapsed() >= 1'000))
        updateComparison();
    m_lastRefreshNs = clock.nsecsElapsed();
    Q_EMIT refreshed(from, to);
}

} // namespace perfdash
