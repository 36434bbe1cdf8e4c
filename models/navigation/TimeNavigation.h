#pragma once

#include <QList>
#include <QtGlobal>
#include <optional>

namespace perfdash {

// A fixed time range [fromMs, toMs] in unix ms.
struct TimeRange {
    qint64 fromMs = 0;
    qint64 toMs = 0;

    qint64 lengthMs() const { return toMs - fromMs; }
    bool contains(qint64 ms) const { return ms >= fromMs && ms <= toMs; }
    bool operator==(const TimeRange&) const = default;
};

// Where the panels of one tab look: live (the window ending now, following the clock) or at a range the
// user zoomed or panned to, with the ranges visited before and after for back and forward, as a browser
// keeps pages. Every panel of the tab draws the same range, so zoom and pan stay in step.
class TimeNavigation {
public:
    // Nothing shorter is zoomed into: below a second a chart has nothing left to show.
    static constexpr qint64 minimumSpanMs = 1'000;
    // Nor longer than a year: wheel-zooming out must stop somewhere.
    static constexpr qint64 maximumSpanMs = 366LL * 24 * 3'600'000;
    static constexpr int historyLimit = 100;

    bool isLive() const { return !m_current; }
    // The range to draw when the clock reads nowMs: the window ending now while live.
    TimeRange rangeAt(qint64 nowMs, qint64 liveWindowMs) const;
    std::optional<TimeRange> fixedRange() const { return m_current; }

    // Goes to a fixed range (ends swapped when reversed, widened around its middle to minimumSpanMs).
    // The range shown before (the live window, read at nowMs, counts as "live") is remembered for back().
    void zoomTo(TimeRange range);
    // Scales the range shown at nowMs around anchorMs: factor < 1 zooms in, > 1 out; the anchor keeps its
    // place on screen, so the wheel zooms around the cursor.
    void zoomAround(qint64 anchorMs, double factor, qint64 nowMs, qint64 liveWindowMs);
    // Moves the range shown at nowMs by deltaMs (negative: back in time). Panning past now while zoomed
    // stops at now; it stays a fixed range until the user goes live.
    void pan(qint64 deltaMs, qint64 nowMs, qint64 liveWindowMs);
    // A drag ended: the next pan or wheel step starts a gesture of its own in the history.
    void endGesture() { m_lastStep = Step::Other; }
    // Follows now again; the range left is remembered for back().
    void goLive();

    bool canGoBack() const { return !m_back.isEmpty(); }
    bool canGoForward() const { return !m_forward.isEmpty(); }
    void back();
    void forward();

private:
    // A visited place: a fixed range, or nullopt for live.
    using Place = std::optional<TimeRange>;
    // Wheel notches and pan steps in a row make one history entry: back undoes the whole gesture.
    enum class Step { Other, Wheel, Pan };
    void go(Place place, Step step = Step::Other);
    static TimeRange clampedSpan(TimeRange range);

    Place m_current;
    QList<Place> m_back;
    QList<Place> m_forward;
    Step m_lastStep = Step::Other;
};

} // namespace perfdash
