#pragma once

#include <QObject>
#include <QtGlobal>
#include <array>
#include <cstddef>

class QWidget;

namespace perfdash {

class DashboardView;
class LatencyRecorder;

// GUI-thread cost of the recent frames, in milliseconds.
struct FrameCost {
    int frames = 0;
    double refreshMeanMs = 0.0; // store → M4 → plot item → axes, all panels
    double refreshMaxMs = 0.0;
    double paintMeanMs = 0.0; // painting and flushing the window
    double paintMaxMs = 0.0;
};

// Watches one window and its dashboard: marks the frames in a LatencyRecorder (a refresh reads the store,
// the next paint of the window shows it) and keeps the GUI-thread cost of the last frames. Its own cost is
// a clock read and a mutex per frame.
class FrameProbe : public QObject {
    Q_OBJECT
public:
    FrameProbe(QWidget* window, DashboardView* dashboard, LatencyRecorder* recorder, QObject* parent = nullptr);

    FrameCost cost() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onRefreshed();

    static constexpr std::size_t keptFrames = 64;
    struct Ring {
        std::array<qint64, keptFrames> ns {};
        std::size_t count = 0;
        void add(qint64 value) { ns[count++ % keptFrames] = value; }
    };

    QWidget* m_window;
    DashboardView* m_dashboard;
    LatencyRecorder* m_recorder;
    Ring m_refresh;
    Ring m_paint;
};

} // namespace perfdash
