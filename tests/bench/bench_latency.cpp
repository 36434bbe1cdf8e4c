// Row 5 of the table: sample-to-pixel latency, p50 and p99, at 1k, 10k and 100k samples/s. A feeder
// thread plays the socket: every millisecond one JSON v1 message, stamped on arrival, parsed and stored
// as StreamSource does. The GUI side is the app's own MainWindow and FrameProbe (ours) or the same five
// panels drawn with replace() of every raw point in the window (baseline), each with the same 60 s of
// history already stored and the app's 30 Hz refresh.
#include "BenchSupport.h"
#include "DashboardView.h"
#include "FrameProbe.h"
#include "JsonV1Parser.h"
#include "JsonV1Writer.h"
#include "LatencyRecorder.h"
#include "MainWindow.h"
#include "TimeSeriesStore.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QGridLayout>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>
#include <atomic>
#include <chrono>
#include <map>
#include <thread>

using namespace perfdash;
using namespace perfdash::bench;

namespace {

constexpr int seriesPerPanel = 20;
constexpr qint64 historyMs = 60'000;
constexpr int measureMs = 4000;

struct Series {
    QString metric;
    Labels labels;
    double value;
};

std::vector<Series> benchSeries()
{
    std::vector<Series> out;
    for (const PanelSpec& panel : defaultDashboard().panels) {
        for (int i = 0; i < seriesPerPanel; ++i)
            out.push_back({ panel.metric, { { QStringLiteral("instance"), QStringLiteral("i%1").arg(i) } },
                panel.target.baseline / panel.displayScale });
    }
    return out;
}

// One message per millisecond with rate / 1000 samples, each series at most once per millisecond.
SampleBatch tick(const std::vector<Series>& series, qint64 ms, int perTick)
{
    SampleBatch batch;
    for (int k = 0; k < perTick; ++k) {
        const Series& s = series[std::size_t((ms * perTick + k) % qint64(series.size()))];
        batch.push_back({ s.metric, s.labels, ms, s.value * (1.0 + 0.01 * double((ms + k) % 17)) });
    }
    return batch;
}

void prefill(TimeSeriesStore& store, const std::vector<Series>& series, qint64 untilMs, int perTick)
{
    SampleBatch all;
    for (qint64 ms = untilMs - historyMs; ms < untilMs; ++ms) {
        SampleBatch batch = tick(series, ms, perTick);
        all.insert(all.end(), batch.begin(), batch.end());
        if (all.size() > 100'000) {
            store.append(all);
            all.clear();
        }
    }
    store.append(all);
}

class Feeder {
public:
    Feeder(TimeSeriesStore& store, LatencyRecorder& recorder, const std::vector<Series>& series, int perTick)
        : m_thread([&store, &recorder, &series, perTick, this] {
            auto next = std::chrono::steady_clock::now();
            qint64 lastMs = 0;
            while (!m_stop) {
                std::this_thread::sleep_until(next += std::chrono::milliseconds(1));
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                if (now == lastMs)
                    continue; // one message per millisecond keeps every series in order
                lastMs = now;
                const QByteArray message = JsonV1Writer::write(tick(series, now, perTick));
                const qint64 receivedAt = QDateTime::currentMSecsSinceEpoch();
                const AppendResult result = store.append(JsonV1Parser::parse(message).samples);
                recorder.recordStored(receivedAt, result.stored);
            }
        })
    {
    }
    ~Feeder()
    {
        m_stop = true;
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop { false };
    std::thread m_thread;
};

// The baseline: the same five panels as plain Qt Charts views, fed every raw point of the window.
class RawDashboard : public QWidget {
public:
    RawDashboard(const TimeSeriesStore& store, const std::vector<Series>& series, LatencyRecorder& recorder)
        : m_store(store)
        , m_recorder(recorder)
    {
        auto* grid = new QGridLayout(this);
        for (const PanelSpec& panel : defaultDashboard().panels) {
            auto* chart = new QChart;
            chart->setAnimationOptions(QChart::NoAnimation);
            auto* x = new QValueAxis;
            auto* y = new QValueAxis;
            chart->addAxis(x, Qt::AlignBottom);
            chart->addAxis(y, Qt::AlignLeft);
            for (const Series& s : series) {
                if (s.metric != panel.metric)
                    continue;
                auto* line = new QLineSeries;
                chart->addSeries(line);
                line->attachAxis(x);
                line->attachAxis(y);
                m_lines.push_back({ seriesKey(s.metric, s.labels), line });
            }
            m_axes.push_back({ x, y, panel.target.baseline / panel.displayScale });
            const int index = grid->count();
            grid->addWidget(new QChartView(chart), index / 3, index % 3);
        }
        installEventFilter(this);
        connect(&m_timer, &QTimer::timeout, this, &RawDashboard::refresh);
        m_timer.start(33); // the app's refresh interval
    }

private:
    void refresh()
    {
        const qint64 to = QDateTime::currentMSecsSinceEpoch();
        for (auto& [key, line] : m_lines) {
            QList<QPointF> points;
            for (const LatestSample& sample : m_store.samples(key, to - historyMs, to))
                points.append(QPointF(double(sample.timestampMs), sample.value));
            line->replace(points);
        }
        for (const Axes& axes : m_axes) {
            axes.x->setRange(double(to - historyMs), double(to));
            axes.y->setRange(0, axes.scale * 1.5);
        }
        m_recorder.frameStarted();
    }
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched != this || event->type() != QEvent::UpdateRequest)
            return false;
        watched->event(event);
        m_recorder.framePainted(QDateTime::currentMSecsSinceEpoch());
        return true;
    }

    struct Axes {
        QValueAxis* x;
        QValueAxis* y;
        double scale;
    };
    const TimeSeriesStore& m_store;
    LatencyRecorder& m_recorder;
    std::vector<std::pair<QString, QLineSeries*>> m_lines;
    std::vector<Axes> m_axes;
    QTimer m_timer;
};

LatencySummary run(int rate, bool ours)
{
    static std::map<std::pair<int, bool>, LatencySummary> cache;
    if (const auto found = cache.find({ rate, ours }); found != cache.end())
        return found->second;
    const std::vector<Series> series = benchSeries();
    const int perTick = rate / 1000;
    TimeSeriesStore store;
    LatencyRecorder recorder;
    prefill(store, series, QDateTime::currentMSecsSinceEpoch(), perTick);
    std::unique_ptr<QWidget> window;
    if (ours) {
        auto* main = new MainWindow(defaultDashboard(), store);
        main->dashboard()->setWindowMs(historyMs);
        new FrameProbe(main, main->dashboard(), &recorder, main);
        window.reset(main);
    } else {
        window = std::make_unique<RawDashboard>(store, series, recorder);
    }
    window->resize(1440, 860);
    window->show();
    QApplication::processEvents();
    recorder.reset();
    {
        Feeder feeder(store, recorder, series, perTick);
        QTimer::singleShot(measureMs, qApp, &QCoreApplication::quit);
        QApplication::exec();
    }
    return cache[{ rate, ours }] = recorder.summary();
}

const std::string section = "5 sample-to-pixel latency (arrival to painted frame, 30 Hz refresh, 60 s window)";

void latency(benchmark::State& state, bool ours, bool p99)
{
    const int rate = int(state.range(0));
    LatencySummary summary;
    for (auto _ : state)
        summary = run(rate, ours);
    if (summary.samples == 0)
        state.SkipWithError("no sample reached a painted frame");
    setValue(state, p99 ? summary.p99Ms : summary.p50Ms);
    if (ours && p99 && rate == 10'000)
        setGoal(state, 50.0);
    rowLabel(state, section, std::string(p99 ? "p99" : "p50") + " at " + std::to_string(rate / 1000) + "k samples/s",
        ours ? "ours: MainWindow, M4 + painted polyline" : "baseline: replace() of all raw points", "ms");
}

void oursP50(benchmark::State& state) { latency(state, true, false); }
void oursP99(benchmark::State& state) { latency(state, true, true); }
void rawP50(benchmark::State& state) { latency(state, false, false); }
void rawP99(benchmark::State& state) { latency(state, false, true); }

} // namespace

BENCHMARK(oursP50)->Arg(1000)->Arg(10'000)->Arg(100'000)->Iterations(1)->UseRealTime();
BENCHMARK(oursP99)->Arg(1000)->Arg(10'000)->Arg(100'000)->Iterations(1)->UseRealTime();
BENCHMARK(rawP50)->Arg(1000)->Arg(10'000)->Arg(100'000)->Iterations(1)->UseRealTime();
BENCHMARK(rawP99)->Arg(1000)->Arg(10'000)->Arg(100'000)->Iterations(1)->UseRealTime();
