#pragma once

#include "SeriesWindowComparison.h"
#include "Target.h"
#include "TimeWindow.h"
#include "TimedValue.h"

#include <QList>
#include <QString>

namespace perfdash {

struct WindowComparisonSettings {
    double alpha = 0.05;
    // The improvement asked for, relative to before: the seed team's "20 % faster".
    double goal = 0.20;
};

// What one series holds in each window, in time order.
struct SeriesWindowValues {
    QString series;
    QList<double> before;
    QList<double> after;
};

struct PanelWindowValues {
    QString title;
    TargetSpec target;
    QList<SeriesWindowValues> series;
};

struct PanelWindowComparison {
    QString title;
    TargetSpec target;
    QList<SeriesWindowComparison> series;
};

// Did a metric change between two time windows (before and after a deploy)? Per series: medians, box
// figures, a Mann–Whitney test on block means that respects autocorrelation (BlockMeans), and a verdict;
// over all series of all panels: Holm's correction, so that many series do not make a chance finding.
class WindowComparison {
public:
    // Fewer block means than this on either side give a warning instead of a verdict.
    static constexpr int minimumEffectiveSamples = 10;

    // One series alone, before any correction (adjustedPValue is its own p-value).
    static SeriesWindowComparison compareSeries(const QString& series, const QList<double>& before,
        const QList<double>& after, const TargetSpec& target, const WindowComparisonSettings& settings = {});
    // Every series of every panel, Holm-corrected as one family.
    static WindowComparison compare(const QList<PanelWindowValues>& panels, const TimeWindow& before,
        const TimeWindow& after, const WindowComparisonSettings& settings = {});
    // Holm over the series that have a verdict; sets adjusted p-values, flags, verdicts and goals.
    static void applyHolm(QList<PanelWindowComparison>& panels, const WindowComparisonSettings& settings);
    // The values of the points inside the window, in time order.
    static QList<double> valuesIn(const QList<TimedValue>& points, const TimeWindow& window);

    const QList<PanelWindowComparison>& panels() const { return m_panels; }
    const TimeWindow& before() const { return m_before; }
    const TimeWindow& after() const { return m_after; }
    const WindowComparisonSettings& settings() const { return m_settings; }

    // The table `perfdash compare-windows` prints.
    QString toText() const;

private:
    QList<PanelWindowComparison> m_panels;
    TimeWindow m_before;
    TimeWindow m_after;
    WindowComparisonSettings m_settings;
};

} // namespace perfdash
