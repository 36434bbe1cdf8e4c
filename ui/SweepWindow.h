#pragma once

#include "ProfileSettings.h"
#include "SweepResult.h"

#include <QDialog>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace perfdash {

class SweepChart;

// The Profiling tab's Sweep mode: one parameter of the component the Profile form shows, over a range,
// with repetitions, optionally one curve per value of a choice parameter (policies); progress and cancel;
// the curve growing point by point; export as PNG, SVG, PDF or CSV. Knows no collectors: it asks for a
// sweep through sweepRequested and is fed the results.
class SweepWindow : public QDialog {
    Q_OBJECT
public:
    explicit SweepWindow(QWidget* parent = nullptr);
    ~SweepWindow() override;

    // The component and its other parameters, from the Profile form.
    void setBase(const ProfileSettings& base);
    // Fills the form from `perfdash sweep`'s texts; false with the reason shown when one is wrong.
    bool setSweep(const QString& spec, const QString& series = {}, int repetitions = 5);
    // Validates the form and emits sweepRequested, or shows what is wrong and returns false.
    bool requestSweep();
    // Asked before a sweep starts: a reason not to (another measurement is running), or empty.
    void setBusyCheck(std::function<QString()> check) { m_busyCheck = std::move(check); }
    bool showMetric(const QString& name);
    // By extension: .png, .svg, .pdf (the chart) or .csv (every point and metric).
    bool exportTo(const QString& path, QString* error);

    bool isRunning() const { return m_running; }
    const std::optional<SweepResult>& result() const { return m_result; }
    SweepChart* chart() const { return m_chart; }
    QString statusText() const;

public Q_SLOTS:
    void sweepStarted();
    void showProgress(double fraction);
    void showPoint(const perfdash::SweepResult& sofar);
    void sweepFinished(const perfdash::SweepResult& result);

Q_SIGNALS:
    void sweepRequested(const perfdash::ProfileSettings& base, const perfdash::SweepSpec& spec,
        const perfdash::SweepSeries& series, int repetitions);
    void cancelRequested();

private:
    void fillParameters();
    void showResult(const SweepResult& result);
    void showSelectedMetric();
    void chooseExport();
    void setStatus(const QString& text, bool error);

    std::optional<ProfileSettings> m_base;
    QLabel* m_baseLabel = nullptr;
    QComboBox* m_parameter = nullptr;
    QLineEdit* m_from = nullptr;
    QLineEdit* m_to = nullptr;
    QComboBox* m_scale = nullptr;
    QSpinBox* m_points = nullptr;
    QComboBox* m_seriesParameter = nullptr;
    QLineEdit* m_seriesValues = nullptr;
    QSpinBox* m_repetitions = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_export = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QComboBox* m_metric = nullptr;
    SweepChart* m_chart = nullptr;
    bool m_running = false;
    std::function<QString()> m_busyCheck;
    std::optional<SweepResult> m_result;
};

} // namespace perfdash
