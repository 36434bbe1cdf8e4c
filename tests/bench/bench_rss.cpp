// Row 6 of the table: resident memory, each figure from a fresh child process (/proc/self/status VmRSS):
// the GUI idling on the embedded demo against the bare Qt Widgets + Charts floor, and 1,000 series x 24 h
// at 1 s (86.4 M samples, fed synthetically) in our store against the same samples held raw.
#include "BenchSupport.h"
#include "GuiSession.h"
#include "MainWindow.h"
#include "TimeSeriesStore.h"
#include "TimedValue.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QMainWindow>
#include <QTextStream>
#include <QTimer>
#include <cmath>

using namespace perfdash;
using namespace perfdash::bench;

namespace {

constexpr int loadSeries = 1000;
constexpr int loadSeconds = 24 * 3600;
constexpr qint64 startMs = 1'700'000'000'000;
constexpr int settleMs = 5000;

int printResident(const QString& extra = {})
{
    QTextStream(stdout) << residentMegabytes() << ' ' << extra << '\n';
    return 0;
}

int idleGui(const QStringList&)
{
    GuiSession session(GuiOptions {});
    QString error;
    if (!session.start(&error)) {
        QTextStream(stderr) << error << '\n';
        return 1;
    }
    session.window()->show();
    QTimer::singleShot(settleMs, qApp, &QCoreApplication::quit);
    QApplication::exec();
    return printResident();
}

int qtFloor(const QStringList&)
{
    QMainWindow window;
    auto* chart = new QChart;
    chart->addSeries(new QLineSeries);
    chart->createDefaultAxes();
    window.setCentralWidget(new QChartView(chart));
    window.resize(1440, 860);
    window.show();
    QTimer::singleShot(settleMs, qApp, &QCoreApplication::quit);
    QApplication::exec();
    return printResident();
}

int loadOurs(const QStringList&)
{
    // Budget above the goal, so eviction cannot flatter the figure; it is checked below.
    TimeSeriesStore store(StoreLimits { .retentionMs = 25LL * 3600 * 1000, .memoryBudgetBytes = std::size_t(1) << 30 });
    const QString metric = QStringLiteral("http_request_duration_seconds:p95");
    std::vector<Labels> labels;
    for (int s = 0; s < loadSeries; ++s)
        labels.push_back({ { QStringLiteral("endpoint"), QStringLiteral("/api/v1/e%1").arg(s) } });
    // Fed an hour at a time, one batch per series and hour, as a backfill from a range query arrives.
    // (One batch of every series' hour, 3.6 M samples, measured the feeder instead: glibc kept its
    // 230 MB of freed per-sample label vectors, interleaved with the chunks, as resident free heap.)
    constexpr int blockSeconds = 3600;
    SampleBatch batch;
    batch.reserve(blockSeconds);
    for (int block = 0; block < loadSeconds / blockSeconds; ++block) {
        for (int s = 0; s < loadSeries; ++s) {
            const std::vector<double> values
                = demoLikeValues(blockSeconds, std::uint64_t(s) * 1000 + std::uint64_t(block) + 1);
            batch.clear();
            for (int i = 0; i < blockSeconds; ++i) {
                const qint64 t = startMs + (qint64(block) * blockSeconds + i) * 1000;
                batch.push_back({ metric, labels[std::size_t(s)], t, values[std::size_t(i)] });
            }
            store.append(batch);
        }
    }
    batch = SampleBatch();
    const StoreStats stats = store.stats();
    if (stats.retainedSamples != std::uint64_t(loadSeries) * loadSeconds || stats.evictedSamples != 0) {
        QTextStream(stderr) << "store kept " << stats.retainedSamples << " samples, evicted " << stats.evictedSamples
                            << '\n';
        return 1;
    }
    return printResident(QString::number(double(stats.encodedBytes) / double(stats.retainedSamples)));
}

int loadRaw(const QStringList&)
{
    std::vector<std::vector<TimedValue>> series(loadSeries);
    for (int s = 0; s < loadSeries; ++s) {
        const std::vector<double> values = demoLikeValues(loadSeconds, std::uint64_t(s) + 1);
        std::vector<TimedValue>& points = series[std::size_t(s)];
        points.reserve(loadSeconds);
        for (int i = 0; i < loadSeconds; ++i)
            points.push_back({ startMs + qint64(i) * 1000, values[std::size_t(i)] });
    }
    return printResident();
}

[[maybe_unused]] const bool registered = registerChild("idle-gui", idleGui) && registerChild("qt-floor", qtFloor)
    && registerChild("load-ours", loadOurs) && registerChild("load-raw", loadRaw);

void measure(benchmark::State& state, const char* child)
{
    double megabytes = std::nan("");
    for (auto _ : state) {
        const QByteArray output = runChild(child);
        bool ok = false;
        megabytes = output.split(' ').value(0).toDouble(&ok);
        if (!ok)
            state.SkipWithError((std::string("child ") + child + " failed").c_str());
    }
    setValue(state, megabytes);
}

const std::string section = "6 resident memory (fresh process, VmRSS)";

void idleOurs(benchmark::State& state)
{
    measure(state, "idle-gui");
    setGoal(state, 80.0);
    rowLabel(state, section, "GUI idle on the demo, 5 s after start", "ours: perfdash window", "MB");
}

void idleFloor(benchmark::State& state)
{
    measure(state, "qt-floor");
    rowLabel(state, section, "GUI idle on the demo, 5 s after start", "baseline: empty QMainWindow + QChartView", "MB");
}

void loadOursBench(benchmark::State& state)
{
    measure(state, "load-ours");
    setGoal(state, 410.0);
    rowLabel(state, section, "1,000 series x 24 h at 1 s (86.4 M samples)", "ours: TimeSeriesStore", "MB");
}

void loadRawBench(benchmark::State& state)
{
    measure(state, "load-raw");
    rowLabel(state, section, "1,000 series x 24 h at 1 s (86.4 M samples)", "baseline: raw vectors, 16 B/sample", "MB");
}

} // namespace

BENCHMARK(idleOurs)->Iterations(1)->UseRealTime();
BENCHMARK(idleFloor)->Iterations(1)->UseRealTime();
BENCHMARK(loadOursBench)->Iterations(1)->UseRealTime();
BENCHMARK(loadRawBench)->Iterations(1)->UseRealTime();
