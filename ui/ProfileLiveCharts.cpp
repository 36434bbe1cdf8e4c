#include "ProfileLiveCharts.h"

#include "LiveChart.h"
#include "ProfileProgress.h"

#include <QHBoxLayout>
#include <cmath>

namespace perfdash {

ProfileLiveCharts::ProfileLiveCharts(QWidget* parent)
    : QWidget(parent)
{
    m_throughputChart = new LiveChart(tr("Throughput"), tr("ops/s"), { tr("ops/s") });
    m_latencyChart = new LiveChart(tr("Latency percentiles"), tr("µs"), { tr("p50"), tr("p95"), tr("p99") });
    m_hitRatioChart = new LiveChart(tr("Hit ratio"), QString(), { tr("hit ratio") });
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_throughputChart);
    row->addWidget(m_latencyChart);
    row->addWidget(m_hitRatioChart);
    // Charts redraw on a 10 Hz timer, never per snapshot.
    connect(&m_redraw, &QTimer::timeout, this, &ProfileLiveCharts::redraw);
    m_redraw.start(100);
}

void ProfileLiveCharts::clear()
{
    m_throughput.clear();
    m_p50.clear();
    m_p95.clear();
    m_p99.clear();
    m_hitRatio.clear();
    m_dirty = true;
}

void ProfileLiveCharts::addProgress(const ProfileProgress& progress)
{
    const double x = progress.elapsedSeconds;
    m_throughput << QPointF(x, progress.throughput);
    m_p50 << QPointF(x, progress.p50Us);
    m_p95 << QPointF(x, progress.p95Us);
    m_p99 << QPointF(x, progress.p99Us);
    if (std::isfinite(progress.hitRatio))
        m_hitRatio << QPointF(x, progress.hitRatio);
    m_dirty = true;
}

void ProfileLiveCharts::redrawNow()
{
    m_dirty = true;
    redraw();
}

void ProfileLiveCharts::redraw()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_throughputChart->setData({ m_throughput });
    m_latencyChart->setData({ m_p50, m_p95, m_p99 });
    m_hitRatioChart->setData({ m_hitRatio }, 0.0, 1.0);
}

void ProfileLiveCharts::setHitRatioVisible(bool visible) { m_hitRatioChart->setVisible(visible); }

int ProfileLiveCharts::pointCount() const
{
    return m_throughputChart->pointCount() + m_latencyChart->pointCount() + m_hitRatioChart->pointCount();
}

} // namespace perfdash
