#include "FrameProbe.h"

#include "DashboardView.h"
#include "LatencyRecorder.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEvent>
#include <QWidget>
#include <algorithm>

namespace perfdash {

FrameProbe::FrameProbe(QWidget* window, DashboardView* dashboard, LatencyRecorder* recorder, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_dashboard(dashboard)
    , m_recorder(recorder)
{
    m_window->installEventFilter(this);
    connect(m_dashboard, &DashboardView::refreshed, this, &FrameProbe::onRefreshed);
    // What arrives while nobody looks has no frame to wait for: counted as not shown, not as slow.
    connect(m_dashboard, &DashboardView::frameSkippedUnseen, this, [this] {
        if (m_recorder)
            m_recorder->frameNotShown();
    });
}

void FrameProbe::onRefreshed()
{
    m_refresh.add(m_dashboard->lastRefreshNs());
    if (!m_recorder)
        return;
    if (m_dashboard->isVisible())
        m_recorder->frameStarted();
    else
        m_recorder->frameNotShown();
}

bool FrameProbe::eventFilter(QObject* watched, QEvent* event)
{
    // Qt paints a whole window (every changed widget, then one flush) in response to one UpdateRequest.
    // Delivering it here, between two clock reads, times the paint exactly and tells when it is done.
    if (watched != m_window || event->type() != QEvent::UpdateRequest || !m_dashboard->isVisible())
        return false;
    QElapsedTimer clock;
    clock.start();
    watched->event(event);
    m_paint.add(clock.nsecsElapsed());
    if (m_recorder)
        m_recorder->framePainted(QDateTime::currentMSecsSinceEpoch());
    return true;
}

FrameCost FrameProbe::cost() const
{
    FrameCost cost;
    const auto summarize = [](const Ring& ring, double& mean, double& max) {
        const std::size_t n = std::min(ring.count, keptFrames);
        if (n == 0)
            return;
        qint64 total = 0;
        qint64 largest = 0;
        for (std::size_t i = 0; i < n; ++i) {
            total += ring.ns[i];
            largest = std::max(largest, ring.ns[i]);
        }
        mean = double(total) / double(n) / 1e6;
        max = double(largest) / 1e6;
    };
    summarize(m_refresh, cost.refreshMeanMs, cost.refreshMaxMs);
    summarize(m_paint, cost.paintMeanMs, cost.paintMaxMs);
    cost.frames = int(std::min(m_refresh.count, keptFrames));
    return cost;
}

} // namespace perfdash
