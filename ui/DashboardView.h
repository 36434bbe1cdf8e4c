#pragma once

#include "PanelSpec.h"

#include <QTimer>
#include <QWidget>

class QGridLayout;
class QGroupBox;
class QTableView;

namespace perfdash {

class ChartPanel;
class TargetTableModel;
class TimeSeriesStore;

// The grid of panels plus the targets table. A timer (never the data) drives redraws, so the cost of a
// frame is bounded by pixels and panels, whatever the ingest rate.
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

    // Redraws every panel for the window ending now (or at the pause time).
    void refreshNow();
    // GUI-thread time of the last refreshNow(): reading the store, decimating and handing points over.
    qint64 lastRefreshNs() const { return m_lastRefreshNs; }

    const QList<ChartPanel*>& panels() const { return m_panels; }
    TargetTableModel* targetModel() const { return m_targetModel; }

Q_SIGNALS:
    void refreshed(qint64 fromMs, qint64 toMs);
    // A right click on panel `index`, at a global screen position.
    void panelContextMenuRequested(int index, const QPoint& globalPosition);

private:
    DashboardSpec m_spec;
    const TimeSeriesStore& m_store;
    QList<ChartPanel*> m_panels;
    TargetTableModel* m_targetModel = nullptr;
    QGridLayout* m_grid = nullptr;
    QGroupBox* m_targetsBox = nullptr;
    QTableView* m_targetTable = nullptr;
    QTimer m_refreshTimer;
    qint64 m_windowMs = 5 * 60 * 1000;
    bool m_paused = false;
    qint64 m_pausedAtMs = 0;
    qint64 m_lastRefreshNs = 0;
};

} // namespace perfdash
