#pragma once

#include "RunHistory.h"

#include <QWidget>

namespace perfdash {

// One metric of a run history: its median per run against the run number, each segment's median as a
// level, and every change point marked where the new segment starts, labelled with the change (the
// latest in the "not met" colour when it is a regression). Hides every Qt Charts type.
class RunHistoryChart : public QWidget {
    Q_OBJECT
public:
    explicit RunHistoryChart(QWidget* parent = nullptr);
    ~RunHistoryChart() override;

    void setMetric(const MetricHistory& metric);
    void clear();

    // What is drawn, for tests: points of the medians line and the change-point labels.
    int pointCount() const;
    QStringList markerLabels() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void applyTheme();

    struct Parts;
    Parts* m_parts;
    std::optional<MetricHistory> m_metric;
};

} // namespace perfdash
