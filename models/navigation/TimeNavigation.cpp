#include "TimeNavigation.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

TimeRange TimeNavigation::rangeAt(qint64 nowMs, qint64 liveWindowMs) const
{
    return m_current.value_or(TimeRange { nowMs - liveWindowMs, nowMs });
}

TimeRange TimeNavigation::clampedSpan(TimeRange range)
{
    if (range.fromMs > range.toMs)
        std::swap(range.fromMs, range.toMs);
    const qint64 span = std::clamp(range.lengthMs(), minimumSpanMs, maximumSpanMs);
    if (span != range.lengthMs()) {
        const qint64 middle = range.fromMs + range.lengthMs() / 2;
        range = { middle - span / 2, middle - span / 2 + span };
    }
    return range;
}

void TimeNavigation::go(Place place, Step step)
{
    if (place == m_current)
        return;
    const bool continuesGesture = step != Step::Other && step == m_lastStep && !m_back.isEmpty();
    m_lastStep = step;
    if (continuesGesture) {
        m_current = place;
        m_forward.clear();
        return;
    }
    m_back << m_current;
    if (m_back.size() > historyLimit)
        m_back.removeFirst();
    m_forward.clear();
    m_current = place;
}

void TimeNavigation::zoomTo(TimeRange range) { go(clampedSpan(range)); }

void TimeNavigation::zoomAround(qint64 anchorMs, double factor, qint64 nowMs, qint64 liveWindowMs)
{
    if (!std::isfinite(factor) || factor <= 0)
        return;
    const TimeRange shown = rangeAt(nowMs, liveWindowMs);
    anchorMs = std::clamp(anchorMs, shown.fromMs, shown.toMs);
    const auto scaled = [&](qint64 ms) { return anchorMs + qint64(std::llround(double(ms - anchorMs) * factor)); };
    TimeRange range { scaled(shown.fromMs), scaled(shown.toMs) };
    // Keep the anchor's place on screen when the span hits its limits.
    const qint64 span = std::clamp(range.lengthMs(), minimumSpanMs, maximumSpanMs);
    if (span != range.lengthMs()) {
        const double anchorShare
            = shown.lengthMs() > 0 ? double(anchorMs - shown.fromMs) / double(shown.lengthMs()) : 0.5;
        range.fromMs = anchorMs - qint64(std::llround(anchorShare * double(span)));
        range.toMs = range.fromMs + span;
    }
    go(range, Step::Wheel);
}

void TimeNavigation::pan(qint64 deltaMs, qint64 nowMs, qint64 liveWindowMs)
{
    TimeRange range = rangeAt(nowMs, liveWindowMs);
    range.fromMs += deltaMs;
    range.toMs += deltaMs;
    if (range.toMs > nowMs) {
        range.fromMs -= range.toMs - nowMs;
        range.toMs = nowMs;
    }
    if (range == rangeAt(nowMs, liveWindowMs))
        return;
    go(range, Step::Pan);
}

void TimeNavigation::goLive() { go(std::nullopt); }

void TimeNavigation::back()
{
    if (m_back.isEmpty())
        return;
    m_forward.prepend(m_current);
    m_current = m_back.takeLast();
    m_lastStep = Step::Other;
}

void TimeNavigation::forward()
{
    if (m_forward.isEmpty())
        return;
    m_back << m_current;
    m_current = m_forward.takeFirst();
    m_lastStep = Step::Other;
}

} // namespace perfdash
