#pragma once

#include "PanelSpec.h"

#include <QTimer>
#include <QWidget>

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

    void setWindowMs(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }
    // Paused, the view holds its time range still while ingest goes on.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setRefreshIntervalMs(int intervalMs) { m_refreshTimer.setInterval(intervalMs); }

    // Redraws every panel for the window ending now (or at the pause time).
    void refreshNow();

    const QList<ChartPanel*>& panels() const { return m_panels; }
    TargetTableModel* targetModel() const { return m_targetModel; }

Q_SIGNALS:
    void refreshed(qint64 fromMs, qint64 toMs);

private:
    DashboardSpec m_spec;
    const TimeSeriesStore& m_store;
    QList<ChartPanel*> m_panels;
    TargetTableModel* m_targetModel = nullptr;
    QTableView* m_targetTable = nullptr;
    QTimer m_refreshTimer;
    qint64 m_windowMs = 5 * 60 * 1000;
    bool m_paused = false;
    qint64 m_pausedAtMs = 0;
};

} // namespace perfdash
