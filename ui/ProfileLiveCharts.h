#pragma once

#include <QList>
#include <QPointF>
#include <QTimer>
#include <QWidget>

namespace perfdash {

class LiveChart;
struct ProfileProgress;

// The live charts of a running profile: throughput, latency percentiles (p50, p95, p99) and hit ratio
// over the run's elapsed seconds. Snapshots only collect points; the charts redraw on a 10 Hz timer.
class ProfileLiveCharts : public QWidget {
    Q_OBJECT
public:
    explicit ProfileLiveCharts(QWidget* parent = nullptr);

    void clear();
    void addProgress(const ProfileProgress& progress);
    // Draws what was collected now, not at the next tick (a finished run).
    void redrawNow();
    // Only the cache has a hit ratio.
    void setHitRatioVisible(bool visible);
    // Points the charts hold: throughput, latency p95, hit ratio.
    int pointCount() const;

private:
    void redraw();

    LiveChart* m_throughputChart = nullptr;
    LiveChart* m_latencyChart = nullptr;
    LiveChart* m_hitRatioChart = nullptr;
    QTimer m_redraw;
    bool m_dirty = false;
    QList<QPointF> m_throughput;
    QList<QPointF> m_p50;
    QList<QPointF> m_p95;
    QList<QPointF> m_p99;
    QList<QPointF> m_hitRatio;
};

} // namespace perfdash
