#pragma once

#include "SweepResult.h"

#include <QWidget>

namespace perfdash {

// One metric of a sweep against the swept parameter: each curve's median as a line with its
// interquartile range as a band, a log axis for log sweeps, and a pool's throughput knee marked. The
// pseudo-metric missRatioCurve draws a cache's miss ratio per policy with LRU and Bélády's optimum
// (replayed offline on the same trace) for reference. Hides every Qt Charts type.
class SweepChart : public QWidget {
    Q_OBJECT
public:
    static inline const QString missRatioCurve = QStringLiteral("miss_ratio_curve");

    explicit SweepChart(QWidget* parent = nullptr);
    ~SweepChart() override;

    void setResult(const SweepResult& result, const QString& metric);
    void clear();

    // PNG, SVG or PDF by extension; errors name the path.
    bool exportImage(const QString& path, QString* error) const;

    // What is drawn, for tests: the names of the lines (legend order) and their point counts.
    QStringList lineNames() const;
    QList<int> linePointCounts() const;
    QString kneeLabel() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    struct Parts;
    Parts* m_parts;
    std::optional<SweepResult> m_result;
    QString m_metric;
};

} // namespace perfdash
