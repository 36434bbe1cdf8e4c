#pragma once

#include "IngestStatus.h"
#include "PanelSpec.h"

#include <QElapsedTimer>
#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QToolBar;

namespace perfdash {

class DashboardActions;
class DashboardView;
class TimeSeriesStore;
class VariableBar;
struct StoreStats;

// The window: a toolbar (time window, pause), the dashboard, and a status bar with the connection
// state and the ingest counters (samples/s, malformed, dropped, rejected, evicted).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const DashboardSpec& spec, const TimeSeriesStore& store, QWidget* parent = nullptr);

    DashboardView* dashboard() const { return m_dashboard; }
    // File and panel commands (open, save, edit panels, export); its dashboardChanged() tells the app.
    DashboardActions* dashboardActions() const { return m_dashboardActions; }
    // Shows another dashboard in place of the current one.
    void setDashboard(const DashboardSpec& spec);
    // Further pages (profiling, diagnostics, …) appear as tabs beside the dashboard.
    void addPage(QWidget* page, const QString& title);
    QTabWidget* pages() const { return m_pages; }

    void setSourceDescription(const QString& description);
    void setConnectionStatus(const ConnectionStatus& status);
    // Called on a timer; samples/s is derived from the change in stored samples between calls.
    void setIngestCounters(const IngestCounters& counters, const StoreStats& store);

    // The toolbar's time range (stream panels' window, PromQL panels' range) and PromQL refresh; a user's
    // change goes into the dashboard (saved with it) through DashboardActions::setTimeSettings().
    QComboBox* windowChoice() const { return m_windowChoice; }
    QComboBox* refreshChoice() const { return m_refreshChoice; }
    // The dashboard's variables as dropdowns, on their own toolbar row; hidden when it has none.
    VariableBar* variableBar() const { return m_variableBar; }

    // For tests: the texts the status bar shows.
    QString connectionText() const;
    QString countersText() const;
    // The status bar's words on series limits reached; empty while none is.
    QString cardinalityText() const;

protected:
    // A new palette (View → Theme, or the desktop's): every toned label is drawn again in its colours.
    void changeEvent(QEvent* event) override;

private:
    // View → Theme: system, light, dark; the choice is remembered and applied to the whole application.
    void addThemeMenu();
    void showTimeSettings(qint64 rangeMs, int refreshMs);
    void timeChoiceChanged();

    DashboardView* m_dashboard = nullptr;
    DashboardActions* m_dashboardActions = nullptr;
    QTabWidget* m_pages = nullptr;
    QComboBox* m_windowChoice = nullptr;
    VariableBar* m_variableBar = nullptr;
    QToolBar* m_variableToolbar = nullptr;
    QComboBox* m_refreshChoice = nullptr;
    bool m_showingTime = false;
    QAction* m_pauseAction = nullptr;
    QLabel* m_navigationText = nullptr; // live, or the zoomed range and that it does not follow now
    QLabel* m_source = nullptr;
    QLabel* m_connection = nullptr;
    QLabel* m_rate = nullptr;
    QLabel* m_counters = nullptr;
    QLabel* m_cardinality = nullptr; // series limits the store reached, hidden while none
    QElapsedTimer m_rateClock;
    quint64 m_lastStored = 0;
};

} // namespace perfdash
