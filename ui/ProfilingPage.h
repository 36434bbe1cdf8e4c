#pragma once

#include "Annotation.h"
#include "ProfileProgress.h"
#include "ProfileRun.h"
#include "RunComparison.h"

#include <QJsonObject>
#include <QWidget>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace perfdash {

class ProfileLiveCharts;
class ProfileParameterForm;
class RepetitionResultsTable;
class RunComparisonTable;
class RunHistoryWindow;
class SweepWindow;

// The Profiling tab: choose a component and its parameters, run, watch live charts of throughput,
// latency percentiles and hit ratio, read the per-repetition results, pin a run as the baseline and
// compare the next one with it. Knows no collectors: it asks for runs through runRequested and is fed
// plain values (queued from the run's worker thread, at most 10 progress snapshots a second). The page
// runs the buttons, progress and baseline; the form, the live charts and the two tables are their own
// widgets, and run files are read and written by ProfileRunFile.
class ProfilingPage : public QWidget {
    Q_OBJECT
public:
    explicit ProfilingPage(QWidget* parent = nullptr);
    ~ProfilingPage() override;

    void setComponent(const QString& component);
    // False when the page has no such parameter.
    bool setParameter(const QString& name, const QString& value);
    void setRepetitions(int repetitions);
    // Validates the form; emits runRequested, or shows what is wrong and returns false.
    bool requestRun();
    void pinBaseline();
    void setBaseline(const ProfileRun& run);

    bool isRunning() const { return m_running; }
    const std::optional<ProfileRun>& lastRun() const { return m_lastRun; }
    const std::optional<ProfileRun>& baseline() const { return m_baseline; }
    QString statusText() const;
    // The hit-ratio summary above the results (the offline references, and each tier of a two-tier run).
    QString referencesText() const;
    QTableWidget* resultsTable() const;
    QTableWidget* comparisonTable() const;
    // The comparison the table shows (baseline() against lastRun()); nullopt when none is open.
    const std::optional<RunComparison>& openComparison() const { return m_openComparison; }
    // Its JSON form (RunComparisonJson) for the snapshot bundle; empty when none is open.
    QJsonObject openComparisonJson() const;
    // Points the live charts hold (for tests): throughput, latency p95, hit ratio.
    int livePointCount() const;
    // The window of a folder of run files over time, made on first use and kept.
    RunHistoryWindow* runHistoryWindow();
    // Sweep mode: made on first use (sweepWindowCreated tells the controller) and kept.
    SweepWindow* sweepWindow();
    // Opens Sweep mode for the form's component and parameters; false with the reason shown when the
    // form is not valid.
    bool openSweep();

public Q_SLOTS:
    void runStarted(const perfdash::ProfileSettings& settings, int repetitions);
    void showProgress(const perfdash::ProfileProgress& progress);
    void addRepetition(const perfdash::RepetitionResult& result);
    void runFinished(const perfdash::ProfileRun& run);

Q_SIGNALS:
    void runRequested(const perfdash::ProfileSettings& settings, int repetitions);
    void cancelRequested();
    // Change points the run history found, as marks for the live timeline.
    void changePointsAnnotated(const QList<perfdash::Annotation>& annotations);
    void sweepWindowCreated(perfdash::SweepWindow* window);

private:
    void showComparison();
    void showReferences();
    void saveRun();
    void loadBaseline();
    void setStatus(const QString& text, bool error);

    ProfileParameterForm* m_form = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_pin = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_loadBaseline = nullptr;
    QPushButton* m_history = nullptr;
    RunHistoryWindow* m_historyWindow = nullptr;
    QPushButton* m_sweep = nullptr;
    SweepWindow* m_sweepWindow = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_baselineLabel = nullptr;
    QLabel* m_references = nullptr;
    ProfileLiveCharts* m_charts = nullptr;
    RepetitionResultsTable* m_results = nullptr;
    RunComparisonTable* m_comparison = nullptr;
    QLabel* m_comparisonNotes = nullptr;
    bool m_running = false;
    std::optional<ProfileRun> m_lastRun;
    std::optional<ProfileRun> m_baseline;
    std::optional<RunComparison> m_openComparison;
};

} // namespace perfdash
