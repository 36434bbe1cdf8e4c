// Rows 1 and 4 of the table: one chart update (hand the data over and paint one 1000 px frame) with Qt
// Charts' naive per-point append, replace() of every raw point, QCustomPlot, and our pipeline (the
// app's ChartPanel, the work of one app frame: store → M4 at one column per pixel → SeriesPlotItem → the
// whole panel painted, axes and legend included); and the redraw cost as the history grows.
#include "BenchData.h"
#include "BenchSupport.h"
#include "ChartPanel.h"
#include "TimeSeriesStore.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QImage>
#include <QLineSeries>
#include <QValueAxis>

#ifdef PERFDASH_HAVE_QCUSTOMPLOT
#include <qcustomplot.h>
#endif

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>

using namespace perfdash;
using namespace perfdash::bench;

namespace {

const QSize frameSize(1000, 600);
const QString metric = QStringLiteral("bench_latency_seconds");
constexpr qint64 startMs = 1'700'000'000'000;

std::string points(std::size_t n)
{
    if (n >= 1'000'000 && n % 1'000'000 == 0)
        return std::to_string(n / 1'000'000) + "M";
    return std::to_string(n / 1000) + "k";
}

// The store and the same points as plain lists (what a baseline gets handed, for free), per size.
struct Dataset {
    TimeSeriesStore store { StoreLimits { .retentionMs = 1LL << 60, .memoryBudgetBytes = std::size_t(1) << 40 } };
    int seriesCount = 0;
    std::size_t perSeries = 0;
    qint64 lastMs = 0;
    std::vector<QList<QPointF>> raw; // only filled when asked for
};

Dataset& dataset(int seriesCount, std::size_t perSeries, bool withRaw)
{
    static std::map<std::pair<int, std::size_t>, std::unique_ptr<Dataset>> cache;
    auto& entry = cache[{ seriesCount, perSeries }];
    if (!entry) {
        entry = std::make_unique<Dataset>();
        entry->seriesCount = seriesCount;
        entry->perSeries = perSeries;
        entry->lastMs = fillStore(entry->store, metric, seriesCount, perSeries, startMs);
    }
    if (withRaw && entry->raw.empty()) {
        for (int s = 0; s < seriesCount; ++s) {
            const std::vector<double> values = demoLikeValues(perSeries, std::uint64_t(s) + 1);
            QList<QPointF> list;
            list.reserve(qsizetype(perSeries));
            for (std::size_t i = 0; i < perSeries; ++i)
                list.append(QPointF(double(startMs + qint64(i) * 1000), values[i]));
            entry->raw.push_back(std::move(list));
        }
    }
    return *entry;
}

// A bare Qt Charts view: the baselines' chart, sized and painted like ours.
class RawChart {
public:
    explicit RawChart(int seriesCount)
    {
        m_chart->setAnimationOptions(QChart::NoAnimation);
        m_chart->addAxis(m_axisX, Qt::AlignBottom);
        m_chart->addAxis(m_axisY, Qt::AlignLeft);
        for (int s = 0; s < seriesCount; ++s) {
            auto* series = new QLineSeries;
            m_chart->addSeries(series);
            series->attachAxis(m_axisX);
            series->attachAxis(m_axisY);
            m_series.push_back(series);
        }
        m_view.resize(frameSize); // never shown: painted once per frame, by paint() (see OurPanel)
        QApplication::processEvents();
    }
    void setRanges(const Dataset& data)
    {
        m_axisX->setRange(double(startMs), double(data.lastMs));
        m_axisY->setRange(0.0, 10.0);
    }
    QLineSeries* series(int index) { return m_series[std::size_t(index)]; }
    void paint()
    {
        QApplication::processEvents();
        m_view.QWidget::render(&m_image); // QGraphicsView hides the QPaintDevice overload
    }

private:
    QChart* m_chart = new QChart;
    QValueAxis* m_axisX = new QValueAxis;
    QValueAxis* m_axisY = new QValueAxis;
    std::vector<QLineSeries*> m_series;
    QChartView m_view { m_chart };
    QImage m_image { frameSize, QImage::Format_ARGB32_Premultiplied };
};

// Ours: the app's own panel over the store, the window spanning the whole history.
class OurPanel {
public:
    OurPanel()
        : m_panel(spec())
    {
        m_panel.resize(frameSize);
        // Never shown: one paint per frame, by render(), as the app paints a window once per frame. A
        // shown panel would also paint itself during processEvents() and be counted twice.
        QApplication::processEvents();
    }
    void redraw(const Dataset& data)
    {
        m_panel.refresh(data.store, startMs, data.lastMs);
        QApplication::processEvents();
        m_panel.render(&m_image);
    }

private:
    static PanelSpec spec()
    {
        PanelSpec spec;
        spec.title = QStringLiteral("bench");
        spec.metric = metric;
        spec.unit = QStringLiteral("s");
        spec.target = { 2.0, 1.6 };
        return spec;
    }
    ChartPanel m_panel;
    QImage m_image { frameSize, QImage::Format_ARGB32_Premultiplied };
};

const std::string chartSection = "1 chart update (hand over + paint one 1000 px frame)";

void chartOurs(benchmark::State& state)
{
    const auto n = std::size_t(state.range(0));
    Dataset& data = dataset(1, n, false);
    OurPanel panel;
    for (auto _ : state)
        panel.redraw(data);
    rowLabel(state, chartSection, points(n) + " points", "ours", "ms");
}

void chartNaiveAppend(benchmark::State& state)
{
    const auto n = std::size_t(state.range(0));
    Dataset& data = dataset(1, n, true);
    for (auto _ : state) {
        state.PauseTiming();
        RawChart chart(1);
        chart.setRanges(data);
        state.ResumeTiming();
        for (const QPointF& point : data.raw[0])
            chart.series(0)->append(point);
        chart.paint();
    }
    rowLabel(state, chartSection, points(n) + " points",
        "baseline: QLineSeries::append per point (quadratic: run at 10k only)", "ms");
}

void chartReplaceRaw(benchmark::State& state)
{
    const auto n = std::size_t(state.range(0));
    Dataset& data = dataset(1, n, true);
    RawChart chart(1);
    chart.setRanges(data);
    for (auto _ : state) {
        chart.series(0)->replace(data.raw[0]);
        chart.paint();
    }
    rowLabel(state, chartSection, points(n) + " points", "baseline: QLineSeries::replace() of all raw points", "ms");
}

#ifdef PERFDASH_HAVE_QCUSTOMPLOT
void chartQCustomPlot(benchmark::State& state)
{
    const auto n = std::size_t(state.range(0));
    Dataset& data = dataset(1, n, true);
    QVector<double> keys;
    QVector<double> values;
    for (const QPointF& point : data.raw[0]) {
        keys << point.x();
        values << point.y();
    }
    QCustomPlot plot;
    plot.resize(frameSize);
    plot.addGraph();
    plot.show();
    QApplication::processEvents();
    QImage image(frameSize, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        plot.graph(0)->setData(keys, values, true);
        plot.xAxis->setRange(keys.front(), keys.back());
        plot.yAxis->setRange(0.0, 10.0);
        plot.replot();
        plot.render(&image);
    }
    rowLabel(state, chartSection, points(n) + " points", "baseline: QCustomPlot 2.1 setData + replot", "ms");
}
#endif

const std::string redrawSection = "4 redraw, 10 series, whole history in view";
constexpr int panelSeries = 10;
const std::size_t historySizes[] = { 100'000, 1'000'000, 10'000'000 };

std::string historyRow(std::size_t perSeries)
{
    const char* growth = perSeries == historySizes[0] ? "1x" : perSeries == historySizes[1] ? "10x" : "100x";
    return std::string(growth) + ": 10 x " + points(perSeries) + " points";
}

void redrawOurs(benchmark::State& state)
{
    const auto n = std::size_t(state.range(0));
    Dataset& data = dataset(panelSeries, n, false);
    OurPanel panel;
    for (auto _ : state)
        panel.redraw(data);
    rowLabel(state, redrawSection, historyRow(n), "ours", "ms");
    if (n == 1'000'000)
        setGoal(state, 4.0);
}

void redrawReplaceRaw(benchmark::State& state)
{
    const auto n = std::size_t(state.range(0));
    Dataset& data = dataset(panelSeries, n, true);
    RawChart chart(panelSeries);
    chart.setRanges(data);
    for (auto _ : state) {
        for (int s = 0; s < panelSeries; ++s)
            chart.series(s)->replace(data.raw[std::size_t(s)]);
        chart.paint();
    }
    rowLabel(
        state, redrawSection, historyRow(n), "baseline: replace() of all raw points (run up to 10x: 16 B/point)", "ms");
}

double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Median GUI-thread CPU time of `runs` redraws (wall time would count the neighbours on a shared machine).
template <typename Redraw> double medianMs(int runs, Redraw&& redraw)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const double start = threadCpuMs();
        redraw();
        ms.push_back(threadCpuMs() - start);
    }
    std::nth_element(ms.begin(), ms.begin() + runs / 2, ms.end());
    return ms[std::size_t(runs / 2)];
}

void redrawGrowthOurs(benchmark::State& state)
{
    const auto factor = std::size_t(state.range(0));
    Dataset& small = dataset(panelSeries, historySizes[0], false);
    Dataset& large = dataset(panelSeries, historySizes[0] * factor, false);
    OurPanel panel;
    double ratio = 0;
    for (auto _ : state)
        ratio = medianMs(21, [&] { panel.redraw(large); }) / medianMs(21, [&] { panel.redraw(small); });
    setValue(state, ratio);
    rowLabel(
        state, redrawSection, "cost of " + std::to_string(factor) + "x history / cost of 1x", "ours", "x of 1x cost");
    if (factor == 10)
        setGoal(state, 1.5);
}

void redrawGrowthRaw(benchmark::State& state)
{
    const auto factor = std::size_t(state.range(0));
    Dataset& small = dataset(panelSeries, historySizes[0], true);
    Dataset& large = dataset(panelSeries, historySizes[0] * factor, true);
    RawChart chart(panelSeries);
    const auto redraw = [&](Dataset& data) {
        chart.setRanges(data);
        for (int s = 0; s < panelSeries; ++s)
            chart.series(s)->replace(data.raw[std::size_t(s)]);
        chart.paint();
    };
    double ratio = 0;
    for (auto _ : state)
        ratio = medianMs(3, [&] { redraw(large); }) / medianMs(3, [&] { redraw(small); });
    setValue(state, ratio);
    rowLabel(state, redrawSection, "cost of " + std::to_string(factor) + "x history / cost of 1x",
        "baseline: replace() of all raw points", "x of 1x cost");
}

// Row: a panel's first frame when one message brought N series of its metric, one sample each (the
// request-id mistake). Ours draws the PanelSpec::maxSeries worst and keeps the rest for the scorecard and
// exports; the baselines draw every series, one graph or QLineSeries each, as a naive panel would.
const std::string cardinalitySection = "1b panel with many series (first frame: build + paint)";

Dataset& manySeries(int count)
{
    Dataset& data = dataset(count, 1, true);
    data.lastMs = std::max(data.lastMs, startMs + 60'000); // a minute's window around the one sample
    return data;
}

void manySeriesOurs(benchmark::State& state)
{
    const int count = int(state.range(0));
    Dataset& data = manySeries(count);
    const double rssBefore = residentMegabytes();
    double rssAdded = 0;
    for (auto _ : state) {
        OurPanel panel;
        panel.redraw(data);
        rssAdded = std::max(rssAdded, residentMegabytes() - rssBefore);
    }
    rowLabel(state, cardinalitySection, std::to_string(count) + " series", "ours", "ms");
    if (count == 10'000)
        setGoal(state, 200.0);
    state.counters["rss_added_mb"] = rssAdded;
}

void manySeriesQtCharts(benchmark::State& state)
{
    const int count = int(state.range(0));
    Dataset& data = manySeries(count);
    for (auto _ : state) {
        RawChart chart(count);
        chart.setRanges(data);
        for (int s = 0; s < count; ++s)
            chart.series(s)->replace(data.raw[std::size_t(s)]);
        chart.paint();
    }
    rowLabel(state, cardinalitySection, std::to_string(count) + " series",
        "baseline: one QLineSeries per series (quadratic: run at 1k only)", "ms");
}

#ifdef PERFDASH_HAVE_QCUSTOMPLOT
void manySeriesQCustomPlot(benchmark::State& state)
{
    const int count = int(state.range(0));
    Dataset& data = manySeries(count);
    for (auto _ : state) {
        QCustomPlot plot;
        plot.resize(frameSize);
        plot.setAutoAddPlottableToLegend(false); // its fair best: legend items for 10k graphs take minutes
        for (int s = 0; s < count; ++s) {
            QCPGraph* graph = plot.addGraph();
            const QPointF& point = data.raw[std::size_t(s)].first();
            graph->setData({ point.x() }, { point.y() }, true);
        }
        plot.xAxis->setRange(double(startMs), double(data.lastMs) + 1);
        plot.yAxis->setRange(0.0, 10.0);
        QImage image(frameSize, QImage::Format_ARGB32_Premultiplied);
        plot.replot(QCustomPlot::rpImmediateRefresh);
        plot.render(&image);
    }
    rowLabel(state, cardinalitySection, std::to_string(count) + " series", "baseline: QCustomPlot, one graph per series",
        "ms");
}
BENCHMARK(manySeriesQCustomPlot)->Arg(1'000)->Arg(10'000)->Iterations(1)->Unit(benchmark::kMillisecond);
#endif
BENCHMARK(manySeriesOurs)->Arg(1'000)->Arg(10'000)->Iterations(5)->Unit(benchmark::kMillisecond);
BENCHMARK(manySeriesQtCharts)->Arg(1'000)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK(chartOurs)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(chartNaiveAppend)->Arg(10'000)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(chartReplaceRaw)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
#ifdef PERFDASH_HAVE_QCUSTOMPLOT
BENCHMARK(chartQCustomPlot)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
#endif
BENCHMARK(redrawOurs)->Arg(100'000)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(redrawReplaceRaw)->Arg(100'000)->Arg(1'000'000)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(redrawGrowthOurs)->Arg(10)->Arg(100)->Iterations(1);
BENCHMARK(redrawGrowthRaw)->Arg(10)->Iterations(1);
