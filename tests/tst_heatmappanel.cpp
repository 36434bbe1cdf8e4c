#include "ChartExporter.h"
#include "ChartPanel.h"
#include "DashboardFile.h"
#include "HeadlessTestMain.h"
#include "HeatmapSummary.h"
#include "Scorecard.h"
#include "TimeSeriesStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace perfdash;

namespace {
constexpr qint64 t0 = 1'764'160'000'000;

PanelSpec latencyHeatmap()
{
    PanelSpec panel;
    panel.title = QStringLiteral("API response time distribution");
    panel.kind = PanelKind::Heatmap;
    panel.metric = QStringLiteral("http_request_duration_seconds");
    panel.unit = QStringLiteral("s");
    panel.target = { 2.0, 1.6, Direction::LowerIsBetter };
    panel.objective = 0.95;
    return panel;
}

// A stream histogram with buckets 0.5, 1, 2 and +Inf: every second 10 observations, `fast` of them at or
// under 0.5 s and the rest in (1, 2].
void feedHistogram(TimeSeriesStore& store, qint64 fromMs, qint64 toMs, int fast)
{
    const QString bucket = QStringLiteral("http_request_duration_seconds_bucket");
    for (qint64 t = fromMs, seconds = 0; t <= toMs; t += 1000, ++seconds) {
        const double f = double(fast * seconds);
        const double all = double(10 * seconds);
        const auto le = [&](const char* bound, double count) {
            return Sample { bucket, { { QStringLiteral("le"), QString::fromLatin1(bound) } }, t, count, 0 };
        };
        store.append({ le("0.5", f), le("1", f), le("2", all), le("+Inf", all) });
    }
}

HistogramColumn column(qint64 timeMs, QList<double> values)
{
    HistogramColumn one;
    one.timeMs = timeMs;
    one.bounds = { 0, 1, 2, std::numeric_limits<double>::infinity() };
    one.values = std::move(values);
    return one;
}
}

// A heatmap panel as a user meets it: in the dashboard file, drawn from a stream's buckets with its
// scorecard of the share under the target, and exported as long-form CSV.
class TestHeatmapPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fileRoundTrip()
    {
        const QByteArray json = R"({"perfdash_dashboard":1,"name":"h","panels":[{"title":"d","kind":"heatmap",
            "metric":"agent_execution_seconds","unit":"s","target":24,"baseline":30,"direction":"lower-is-better",
            "bucketScale":"linear","objective":0.5}]})";
        const DashboardLoadResult loaded = DashboardFile::load(json);
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        const PanelSpec& panel = loaded.dashboard->panels.first();
        QVERIFY(panel.isHeatmap());
        QCOMPARE(panel.bucketScale, BucketScale::Linear);
        QCOMPARE(panel.objective, 0.5);
        QCOMPARE(panel.storedMetric(), QStringLiteral("agent_execution_seconds_bucket"));
        const DashboardLoadResult again = DashboardFile::load(DashboardFile::toJson(*loaded.dashboard));
        QVERIFY2(again.dashboard, qPrintable(again.error));
        QCOMPARE(again.dashboard->panels.first().bucketScale, BucketScale::Linear);
        QCOMPARE(again.dashboard->panels.first().objective, 0.5);
        QVERIFY(again.dashboard->panels.first().isHeatmap());
    }

    void badHeatmapFieldsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("panel");
        QTest::addColumn<QString>("expected");
        QTest::addRow("unknown kind") << QByteArray(R"({"title":"d","kind":"pie","metric":"m"})")
                                      << QStringLiteral("panels[0].kind");
        QTest::addRow("objective 1") << QByteArray(R"({"title":"d","kind":"heatmap","metric":"m","objective":1})")
                                     << QStringLiteral("panels[0].objective");
        QTest::addRow("objective NaN") << QByteArray(R"({"title":"d","kind":"heatmap","metric":"m","objective":"NaN"})")
                                       << QStringLiteral("panels[0].objective");
        QTest::addRow("bucket scale") << QByteArray(R"({"title":"d","kind":"heatmap","metric":"m","bucketScale":"ln"})")
                                      << QStringLiteral("panels[0].bucketScale");
        QTest::addRow("bucket series") << QByteArray(R"({"title":"d","kind":"heatmap","metric":"m_bucket"})")
                                       << QStringLiteral("without \"_bucket\"");
    }

    void badHeatmapFieldsAreNamed()
    {
        QFETCH(QByteArray, panel);
        QFETCH(QString, expected);
        panel.insert(panel.size() - 1, R"(,"target":1.6,"baseline":2,"direction":"lower-is-better")");
        const DashboardLoadResult loaded
            = DashboardFile::load(R"({"perfdash_dashboard":1,"name":"h","panels":[)" + panel + "]}");
        QVERIFY(!loaded.dashboard);
        QVERIFY2(loaded.error.contains(expected), qPrintable(loaded.error));
    }

    // One 1 s column holds a handful of observations; the scorecard reads the last 30 s of same-layout
    // columns, so a single quiet or busy step does not swing it.
    void summaryAddsUpTheWindow()
    {
        HistogramFrames frames;
        frames.stepMs = 10'000;
        frames.columns = { column(t0 - 40'000, { 0, 0, 10 }), column(t0 - 20'000, { 10, 0, 0 }),
            column(t0 - 10'000, { 6, 4, 0 }), column(t0, { 0, 0, 0 }) };
        const std::optional<HeatmapSummary> summary = latestHeatmapSummary(frames, latencyHeatmap(), 30'000);
        QVERIFY(summary);
        QCOMPARE(summary->timeMs, t0 - 10'000); // the newest column with observations
        QCOMPARE(summary->fromMs, t0 - 20'000); // t0 - 40 s is outside the window
        QCOMPARE(summary->shareUnderTarget, 0.8 + 0.2 * 0.6); // 16 of 20 under 1, 4 in (1, 2] spread evenly
        // A layout change stops the adding up.
        frames.columns[1].bounds = { 0, 0.5, 2, std::numeric_limits<double>::infinity() };
        QCOMPARE(latestHeatmapSummary(frames, latencyHeatmap(), 30'000)->fromMs, t0 - 10'000);
    }

    void streamHeatmapShowsTheShareUnderTheTarget()
    {
        TimeSeriesStore store;
        feedHistogram(store, t0 - 60'000, t0, 9);
        ChartPanel panel(latencyHeatmap());
        panel.resize(900, 480);
        panel.refresh(store, t0 - 60'000, t0);
        const HistogramFrames* frames = panel.histogramFrames();
        QVERIFY(frames);
        QVERIFY2(frames->columns.size() > 10, qPrintable(QString::number(frames->columns.size())));
        // 9 of 10 at or under 0.5 s, one in (1, 2]: 1.6 s is 60 % into that bucket.
        QCOMPARE(panel.scorecard()->valueText(), QStringLiteral("96.0 % < 1.6 s"));
        // p95 is in (1, 2]: half-way through its 10 %, 1.5 s, under the 1.6 s target.
        QCOMPARE(panel.scorecard()->statusText(), QStringLiteral("MET"));
        QVERIFY2(panel.scorecard()->changeText().startsWith(QStringLiteral("p95 1.5 s")),
            qPrintable(panel.scorecard()->changeText()));

        TimeSeriesStore slower;
        feedHistogram(slower, t0 - 60'000, t0, 5);
        ChartPanel after(latencyHeatmap());
        after.resize(900, 480);
        after.refresh(slower, t0 - 60'000, t0);
        QCOMPARE(after.scorecard()->valueText(), QStringLiteral("80.0 % < 1.6 s"));
        QCOMPARE(after.scorecard()->statusText(), QStringLiteral("NOT MET"));
    }

    void csvIsOneRowPerCell()
    {
        TimeSeriesStore store;
        feedHistogram(store, t0 - 20'000, t0, 9);
        ChartPanel panel(latencyHeatmap());
        panel.resize(900, 480);
        panel.refresh(store, t0 - 20'000, t0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.csv"));
        QString error;
        QVERIFY2(ChartExporter::exportPanel(&panel, path, 1.0, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("time_utc,unix_ms,le_lower,le_upper,rate"));
        const qsizetype columns = panel.histogramFrames()->columns.size();
        QCOMPARE(lines.size(), 1 + columns * 4); // four buckets per column
        // The newest column: 9/s at or under 0.5 s, none in (0.5, 1], 1/s in (1, 2], none above.
        const QList<QByteArray> last = lines.mid(lines.size() - 4);
        QVERIFY2(last[0].endsWith(",0,0.5,9"), last[0].constData());
        QVERIFY2(last[1].endsWith(",0.5,1,0"), last[1].constData());
        QVERIFY2(last[2].endsWith(",1,2,1"), last[2].constData());
        QVERIFY2(last[3].endsWith(",2,+Inf,0"), last[3].constData());
    }
};

PERFDASH_TEST_MAIN(TestHeatmapPanel)
#include "tst_heatmappanel.moc"
