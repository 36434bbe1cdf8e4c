// Row 1c of the table: one panel frame (10k points, 1000 px) carrying 6,000 annotations, against the same
// frame without them and against the plain Qt way, one QGraphicsLineItem per mark in the chart's scene.
// Grafana took minutes for that many marks (grafana#27474); the goal is the 60 Hz frame budget.
#include "BenchData.h"
#include "BenchSupport.h"
#include "ChartPanel.h"
#include "TimeSeriesStore.h"

#include <QApplication>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <memory>

using namespace perfdash;
using namespace perfdash::bench;

namespace {

const QSize frameSize(1000, 600);
const QString metric = QStringLiteral("bench_latency_seconds");
constexpr qint64 startMs = 1'700'000'000'000;
constexpr std::size_t pointCount = 10'000;
const std::string section = "1c annotations on a panel (10k points, one 1000 px frame)";

struct Frame {
    TimeSeriesStore store { StoreLimits { .retentionMs = 1LL << 60, .memoryBudgetBytes = std::size_t(1) << 40 } };
    qint64 lastMs = fillStore(store, metric, 1, pointCount, startMs);
    ChartPanel panel { [] {
        PanelSpec spec;
        spec.title = QStringLiteral("bench");
        spec.metric = metric;
        spec.unit = QStringLiteral("s");
        spec.target = { 2.0, 1.6 };
        return spec;
    }() };
    QImage image { frameSize, QImage::Format_ARGB32_Premultiplied };

    Frame()
    {
        panel.resize(frameSize);
        QApplication::processEvents();
    }
    void draw()
    {
        panel.refresh(store, startMs, lastMs);
        QApplication::processEvents();
        panel.render(&image);
    }
};

QList<Annotation> marks(int count, qint64 lastMs)
{
    QList<Annotation> result;
    for (int i = 0; i < count; ++i) {
        Annotation mark;
        mark.timeMs = startMs + (lastMs - startMs) * i / count;
        mark.endMs = i % 10 == 0 ? mark.timeMs + 2'000 : mark.timeMs; // one in ten a range
        mark.text = QStringLiteral("deploy %1").arg(i);
        mark.origin = Annotation::Origin::Stream;
        result << mark;
    }
    return result;
}

void annotationsOurs(benchmark::State& state)
{
    Frame frame;
    const QList<Annotation> annotations = marks(int(state.range(0)), frame.lastMs);
    for (auto _ : state) {
        frame.panel.setAnnotations(annotations);
        frame.draw();
    }
    rowLabel(state, section, std::to_string(state.range(0)) + " annotations", "ours", "ms");
    setGoal(state, 16.7);
}

void annotationsNone(benchmark::State& state)
{
    Frame frame;
    for (auto _ : state)
        frame.draw();
    rowLabel(state, section, std::to_string(state.range(0)) + " annotations", "baseline: the same frame with no marks",
        "ms");
}

void annotationsLineItems(benchmark::State& state)
{
    Frame frame;
    auto* view = qobject_cast<QGraphicsView*>(frame.panel.plotViewport()->parentWidget());
    const QRectF plot = frame.panel.plotRect();
    std::vector<std::unique_ptr<QGraphicsLineItem>> items;
    const auto count = int(state.range(0));
    for (int i = 0; i < count; ++i) {
        const double x = plot.left() + plot.width() * i / count;
        items.push_back(std::make_unique<QGraphicsLineItem>(x, plot.top(), x, plot.bottom()));
        items.back()->setPen(QPen(Qt::darkYellow, 1, Qt::DashLine));
        view->scene()->addItem(items.back().get());
    }
    for (auto _ : state)
        frame.draw();
    for (auto& item : items)
        view->scene()->removeItem(item.get());
    rowLabel(state, section, std::to_string(count) + " annotations", "baseline: a QGraphicsLineItem per mark", "ms");
}

} // namespace

BENCHMARK(annotationsOurs)->Arg(6'000)->Unit(benchmark::kMillisecond);
BENCHMARK(annotationsNone)->Arg(6'000)->Unit(benchmark::kMillisecond);
BENCHMARK(annotationsLineItems)->Arg(6'000)->Unit(benchmark::kMillisecond);
