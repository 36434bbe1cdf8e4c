#pragma once

#include "Annotation.h"
#include "RunHistory.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace perfdash {

class RunHistoryChart;

// A folder of run files of one component over time (CI artifacts, one per commit): each metric across
// the runs with its change points, the options of the detector, and the report `perfdash history`
// prints. What the folder holds that cannot be read is named; nothing is skipped silently.
class RunHistoryWindow : public QDialog {
    Q_OBJECT
public:
    explicit RunHistoryWindow(QWidget* parent = nullptr);
    ~RunHistoryWindow() override;

    // Reads every *.json in folder; false with the reason shown (and in *error) when it cannot. The
    // analysis then runs on a pool thread (hundreds of runs take seconds): analysisFinished says when.
    bool openFolder(const QString& folder, QString* error = nullptr);
    bool isAnalysing() const { return m_analysing; }
    // Shows the metric named (ProfileMetric::name); false when the history has no such metric.
    bool showMetric(const QString& name);
    void setOptions(const ChangePointOptions& options);

    const std::optional<RunHistory>& history() const { return m_history; }
    RunHistoryChart* chart() const { return m_chart; }
    QString reportText() const;
    QString statusText() const;

Q_SIGNALS:
    // The change points of a fresh analysis, as marks for the live timeline.
    // Replaces the marks of the previous analysis (an empty list when it failed).
    void changePointsAnnotated(const QList<perfdash::Annotation>& annotations);
    void analysisFinished();

private:
    void chooseFolder();
    void analyse();
    void showAnalysis(const std::optional<RunHistory>& history, const QString& error);
    void showSelectedMetric();
    ChangePointOptions options() const;
    void setStatus(const QString& text, bool error);

    QLabel* m_folderLabel = nullptr;
    QLabel* m_status = nullptr;
    QComboBox* m_metric = nullptr;
    QSpinBox* m_minSegment = nullptr;
    QDoubleSpinBox* m_pValue = nullptr;
    QDoubleSpinBox* m_minChange = nullptr;
    RunHistoryChart* m_chart = nullptr;
    QPlainTextEdit* m_report = nullptr;
    QList<HistoryRun> m_runs;
    std::optional<RunHistory> m_history;
    // Only the latest analysis is shown: options may change while one is still running.
    quint64 m_generation = 0;
    bool m_analysing = false;
};

} // namespace perfdash
