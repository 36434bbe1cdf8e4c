#pragma once

#include "Annotation.h"
#include "PanelSpec.h"
#include "TimeNavigation.h"
#include "TimeWindowSpec.h"
#include "WindowComparison.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <QWidget>
#include <optional>

class QAction;
class QGridLayout;
class QGroupBox;
class QTableView;

namespace perfdash {

class AnnotationLog;
class ChartPanel;
class TargetTableModel;
class TimeSeriesStore;

// The grid of panels plus the targets table, all looking at one time range: live (the window ending now)
// or where the user zoomed or panned to, in step on every panel, with back and forward. A timer (never the
// data) drives redraws, so the cost of a frame is bounded by pixels and panels, whatever the ingest rate;
// while zoomed the range holds still and the timer slows down. The tab's annotations, the selected one and
// the before/after windows of a comparison are drawn on every panel.
class DashboardView : public QWidget {
    Q_OBJECT
public:
    DashboardView(const DashboardSpec& spec, const TimeSeriesStore& store, QWidget* parent = nullptr);

    // Replaces the panels (and the grid's column count) with the dashboard's; the store stays.
    void setDashboard(const DashboardSpec& spec);
    const DashboardSpec& dashboardSpec() const { return m_spec; }

    void setWindowMs(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }
    // Paused, the view holds its time range still while ingest goes on.
    void setPaused(bool paused);

    // Time navigation, in step across panels (the panels' mouse gestures come here).
    const TimeNavigation& navigation() const { return m_navigation; }
    bool isLive() const { return m_navigation.isLive(); }
    // The range every panel draws now.
    TimeRange currentRange() const;
    void zoomTo(TimeRange range);
    void zoomAround(qint64 anchorMs, double factor);
    // Moves the range by a share of its length (arrow keys: ±0.1).
    void panByShare(double share);
    void panBy(qint64 deltaMs);
    void goLive();
    void back();
    void forward();
    // "zoomed to 07:10:00 – 07:15:00 · not following now", or "live · last 5 m".
    QString navigationText() const;
    // Back, Forward and Live, with Alt+Left, Alt+Right and Esc; and ←/→ to pan. For a toolbar.
    QList<QAction*> navigationActions() const { return { m_backAction, m_forwardAction, m_liveAction }; }
    // Grafana's keys: "t ←"/"t →" move the range by half its length; "v" shows the panel under the mouse
    // alone, full size, and Esc returns to the grid.
    QList<QAction*> keyboardActions() const { return { m_shiftBackAction, m_shiftForwardAction, m_viewPanelAction }; }
    // The panel under the mouse pointer, -1 when there is none.
    int hoveredPanel() const;
    // Shows panel `index` alone, filling the dashboard; -1 shows the grid again.
    void viewPanel(int index);
    int viewedPanel() const { return m_viewedPanel; }

    // Annotations from every place the session has; the view draws those in range on every panel.
    void setAnnotationLog(const AnnotationLog* log);
    const std::optional<Annotation>& selectedAnnotation() const { return m_selected; }
    void selectAnnotation(const std::optional<Annotation>& annotation);
    // Before/after: every panel shows its drawn series' two windows compared (WindowComparison, Holm over
    // all of them), the windows shaded on the charts, and the view zoomed to cover both. Recomputed as
    // data arrives (at most once a second), so an after window still running fills in.
    void compareWindows(const TimeWindow& before, const TimeWindow& after);
    // The hour (or widthMs) before an annotation and after it.
    void compareAround(const Annotation& annotation, qint64 widthMs);
    // The width compareAround() uses from a menu: half the range shown, from 10 s up to an hour.
    qint64 suggestedWidthMs() const;
    // A window picked with Ctrl+drag: the first is "before", the second "after" and starts the comparison.
    void pickWindow(const TimeWindow& window);
    void endComparison();
    bool isComparing() const { return m_comparison.has_value(); }
    const std::optional<WindowComparison>& windowComparison() const { return m_comparison; }
    std::optional<TimeRange> beforeWindow() const { return m_before; }
    std::optional<TimeRange> afterWindow() const { return m_after; }
    // Each panel shows the comparison in place of its chart (true), or its chart with the windows shaded.
    void setComparisonShown(bool shown);
    // Compare Windows…, then (while comparing) Comparison shown or not, and End Comparison; for a toolbar.
    QList<QAction*> comparisonActions() const
    {
        return { m_compareAction, m_showComparisonAction, m_endComparisonAction };
    }
    // The dialog's first guess: around the selected annotation, or the halves of the range shown.
    WindowPair suggestedWindows() const;

    // Redraws every panel for the current range.
    void refreshNow();
    // The dashboard variables' choices, shown in the panel titles that name them ("Latency ($endpoint)").
    void setVariableChoices(const QHash<QString, QString>& choices);
    // GUI-thread time of the last refreshNow(): reading the store, decimating and handing points over.
    qint64 lastRefreshNs() const { return m_lastRefreshNs; }
    // Timer ticks that drew nothing because nothing visible had changed, or nobody could see it.
    quint64 skippedFrames() const { return m_skippedFrames; }

    const QList<ChartPanel*>& panels() const { return m_panels; }
    TargetTableModel* targetModel() const { return m_targetModel; }

Q_SIGNALS:
    void refreshed(qint64 fromMs, qint64 toMs);
    // A frame was due but not drawn because nobody could see the dashboard (another tab, minimised).
    void frameSkippedUnseen();
    // Live or zoomed, or the zoomed range moved: PromQL panels query again for it.
    void navigationChanged();
    // A right click on panel `index`, at a global screen position.
    void panelContextMenuRequested(int index, const QPoint& globalPosition);
    void annotationSelected(const std::optional<perfdash::Annotation>& annotation);
    // A comparison started, ended, or was recomputed.
    void comparisonChanged();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void connectPanel(ChartPanel* panel);
    void setComparisonWindows(const std::optional<TimeRange>& before, const std::optional<TimeRange>& after);
    void updateComparison();
    void navigated();
    // The timer's frame: refreshNow() unless nothing a person could see has changed.
    void refreshOnTick();
    void showCursorAt(ChartPanel* source, std::optional<qint64> timeMs);
    qint64 nowMs() const;

    DashboardSpec m_spec;
    const TimeSeriesStore& m_store;
    const AnnotationLog* m_annotationLog = nullptr;
    QList<ChartPanel*> m_panels;
    QHash<QString, QString> m_variableChoices;
    TargetTableModel* m_targetModel = nullptr;
    QGridLayout* m_grid = nullptr;
    QGroupBox* m_targetsBox = nullptr;
    QTableView* m_targetTable = nullptr;
    QTimer m_refreshTimer;
    qint64 m_windowMs = 5 * 60 * 1000;
    bool m_paused = false;
    qint64 m_pausedAtMs = 0;
    qint64 m_lastRefreshNs = 0;
    // What the last refreshNow() drew, for refreshOnTick() to tell whether another frame would differ.
    std::uint64_t m_drawnStoreChanges = 0;
    quint64 m_drawnAnnotationRevision = 0;
    qint64 m_drawnToMs = 0;
    QElapsedTimer m_sinceDrawn;
    bool m_missedWhileUnseen = false;
    quint64 m_skippedFrames = 0;
    TimeNavigation m_navigation;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;
    QAction* m_liveAction = nullptr;
    QAction* m_shiftBackAction = nullptr;
    QAction* m_shiftForwardAction = nullptr;
    QAction* m_viewPanelAction = nullptr;
    QAction* m_exitViewAction = nullptr;
    int m_viewedPanel = -1;
    std::optional<Annotation> m_selected;
    std::optional<TimeRange> m_before;
    std::optional<TimeRange> m_after;
    std::optional<TimeWindow> m_comparedBefore;
    std::optional<TimeWindow> m_comparedAfter;
    std::optional<TimeWindow> m_pickedBefore;
    std::optional<WindowComparison> m_comparison;
    bool m_comparisonShown = true;
    QElapsedTimer m_sinceComparison;
    QAction* m_compareAction = nullptr;
    QAction* m_showComparisonAction = nullptr;
    QAction* m_endComparisonAction = nullptr;
};

} // namespace perfdash
