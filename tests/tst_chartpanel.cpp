#include "ChartExporter.h"
#include "ChartPanel.h"
#include "HeadlessTestMain.h"
#include "Scorecard.h"
#include "SeriesPickerDialog.h"
#include "TimeSeriesStore.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>
#include <cmath>
#include <limits>

using namespace perfdash;

namespace {
constexpr qint64 t0 = 1'764'160'000'000;
const QString metric = QStringLiteral("api_latency_seconds");

PanelSpec latencyPanel(int maxSeries = PanelSpec::defaultMaxSeries)
{
    PanelSpec panel;
    panel.title = QStringLiteral("API response time p95");
    panel.metric = metric;
    panel.unit = QStringLiteral("s");
    panel.target = { 2.0, 1.6, Direction::LowerIsBetter };
    panel.maxSeries = maxSeries;
    return panel;
}

PanelSpec promqlPanel(const QString& query, int maxSeries = PanelSpec::defaultMaxSeries)
{
    PanelSpec spec = latencyPanel(maxSeries);
    spec.sourceId = QStringLiteral("prom");
    spec.query = query;
    return spec;
}

// A loaded answer over the minute before t0, at a 15 s step.
PanelQueryState loadedAnswer(QList<PanelLine> lines, double instantValue)
{
    PanelQueryState state;
    state.phase = PanelQueryState::Phase::Loaded;
    state.fromMs = t0 - 60'000;
    state.toMs = t0;
    state.stepMs = 15'000;
    state.lines = std::move(lines);
    state.instantValue = instantValue;
    return state;
}

QString keyOf(int id) { return seriesKey(metric, { { QStringLiteral("id"), QString::number(id) } }); }

// One message's worth: `count` series of one metric, one sample each, series i at value i / 1000.
void fillManySeries(TimeSeriesStore& store, int count, qint64 at)
{
    SampleBatch batch;
    batch.reserve(std::size_t(count));
    for (int id = 0; id < count; ++id)
        batch.push_back({ metric, { { QStringLiteral("id"), QString::number(id) } }, at, double(id) / 1000.0 });
    store.append(batch);
}
}

// What a person sees on one panel when a server sends what no sane exporter would: thousands of series,
// values at the edge of double, an instant that falls in a gap.
class TestChartPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // 13,414 series of one metric in one message froze the GUI thread for minutes (every new QLineSeries
    // reconnected every legend marker). The panel draws the 50 worst and says so; the scorecard and the
    // exports still see every series.
    void thirteenThousandSeriesDrawTheWorstFifty()
    {
        TimeSeriesStore store;
        fillManySeries(store, 13414, t0);
        ChartPanel panel(latencyPanel(50));
        panel.resize(900, 480);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QElapsedTimer clock;
        clock.start();
        panel.refresh(store, t0 - 60'000, t0 + 1000);
        panel.refresh(store, t0 - 60'000, t0 + 1000);
        qInfo("two refreshes of 13,414 series: %lld ms", qint64(clock.elapsed()));

        QCOMPARE(panel.totalSeriesCount(), qsizetype(13414));
        QCOMPARE(panel.dataSeriesCount(), 50);
        QCOMPARE(panel.legendLabels().size(), 50);
        QCOMPARE(panel.seriesNote(), QStringLiteral("13,414 series · drawing the 50 worst by latest value"));
        // Lower is better: the worst are the highest, ids 13364..13413.
        QStringList expected;
        for (int id = 13413; id >= 13364; --id)
            expected << QString::number(id);
        QStringList drawn = panel.legendLabels();
        std::sort(drawn.begin(), drawn.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(drawn, expected);
        QCOMPARE(panel.currentValue(), 13.413); // the worst over every series
        QCOMPARE(panel.visibleSeries().size(), 13414); // CSV and the manifest use every series
    }

    // The drawn set follows the data, in the same legend slots: a series that turns worst takes the place
    // of one that no longer is; no more than maxSeries chart series ever exist.
    void theDrawnSetFollowsTheData()
    {
        TimeSeriesStore store;
        fillManySeries(store, 100, t0);
        ChartPanel panel(latencyPanel(5));
        panel.resize(900, 480);
        panel.refresh(store, t0 - 60'000, t0 + 10'000);
        QVERIFY(panel.legendLabels().contains(QStringLiteral("99")));
        QVERIFY(!panel.legendLabels().contains(QStringLiteral("3")));
        store.append({ { metric, { { QStringLiteral("id"), QStringLiteral("3") } }, t0 + 1000, 50.0 } });
        panel.refresh(store, t0 - 60'000, t0 + 10'000);
        QCOMPARE(panel.legendLabels().size(), 5);
        QVERIFY(panel.legendLabels().contains(QStringLiteral("3")));
        QVERIFY(!panel.legendLabels().contains(QStringLiteral("95")));
        QCOMPARE(panel.currentValue(), 50.0);
    }

    void pinnedSeriesAreDrawnFirst()
    {
        TimeSeriesStore store;
        fillManySeries(store, 100, t0);
        ChartPanel panel(latencyPanel(5));
        panel.resize(900, 480);
        panel.refresh(store, t0 - 60'000, t0 + 1000);
        panel.setPinnedSeries({ keyOf(7) });
        QVERIFY(panel.legendLabels().contains(QStringLiteral("7")));
        QCOMPARE(panel.legendLabels().size(), 5);
        QCOMPARE(panel.seriesNote(), QStringLiteral("100 series · drawing the 4 worst by latest value · 1 pinned"));
    }

    void thePickerSearchesAndPins()
    {
        QStringList keys;
        for (int id = 0; id < 20000; ++id)
            keys << keyOf(id);
        SeriesPickerDialog dialog(keys, {}, 30);
        QCOMPARE(dialog.shownCount(), 20000);
        dialog.setFilterText(QStringLiteral("id=\"1234"));
        QCOMPARE(dialog.shownCount(), 11); // 1234 and 12340..12349
        dialog.setShownRowChecked(0, true);
        QCOMPARE(dialog.pinnedSeries(), (QSet<QString> { keyOf(1234) }));
    }

    // A real Prometheus answered DBL_MAX: the scorecard printed 309 digits and the panel image came out
    // 4,894 px wide. Every extreme keeps the panel its size and the text short.
    void extremeValuesKeepThePanelItsSize_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("shown");
        QTest::addRow("DBL_MAX") << std::numeric_limits<double>::max() << QStringLiteral("1.8e308 s");
        QTest::addRow("-DBL_MAX") << -std::numeric_limits<double>::max() << QStringLiteral("-1.8e308 s");
        QTest::addRow("denormal") << std::numeric_limits<double>::denorm_min() << QStringLiteral("4.94e-324 s");
        QTest::addRow("-0") << -0.0 << QStringLiteral("0 s");
    }

    void extremeValuesKeepThePanelItsSize()
    {
        QFETCH(double, value);
        TimeSeriesStore store;
        store.append({ { metric, {}, t0, value }, { metric, {}, t0 + 1000, value } });
        ChartPanel panel(latencyPanel());
        panel.setAttribute(Qt::WA_DontShowOnScreen);
        panel.resize(900, 480);
        panel.show();
        for (int pass = 0; pass < 2; ++pass) {
            QCoreApplication::processEvents();
            panel.refresh(store, t0 - 10'000, t0 + 2000);
        }
        QTEST(panel.scorecard()->valueText(), "shown");
        QVERIFY(std::isfinite(panel.valueAxisMax()));
        QVERIFY2(panel.minimumSizeHint().width() < 900, qPrintable(QString::number(panel.minimumSizeHint().width())));
        const QImage image = ChartExporter::panelImage(&panel);
        QCOMPARE(image.width(), 900);
        QCOMPARE(image.height(), 480);
    }

    // The instant query's time fell in a gap while the chart had points: the scorecard said "NO DATA ·
    // waiting for samples", which was not true.
    void anInstantInAGapSaysWhatWasSeenLast()
    {
        PanelSpec spec = promqlPanel(QStringLiteral("up"));
        spec.unit.clear();
        ChartPanel panel(spec);
        PanelQueryState state = loadedAnswer(
            { { QStringLiteral("up"), { QPointF(double(t0 - 45'000), 1.0), QPointF(double(t0 - 30'000), 1.0) } } },
            std::nan(""));
        state.utc = true;
        panel.setQueryState(state);
        QCOMPARE(panel.scorecard()->statusText(), QStringLiteral("NO VALUE"));
        QCOMPARE(panel.scorecard()->changeText(),
            QStringLiteral("no value at the latest step; last value 1 at %1 UTC")
                .arg(QDateTime::fromMSecsSinceEpoch(t0 - 30'000, Qt::UTC).toString(QStringLiteral("HH:mm:ss"))));
    }

    // PromQL answers with thousands of series take the same road as stream panels.
    void manyPromQLSeriesDrawTheWorst()
    {
        ChartPanel panel(promqlPanel(QStringLiteral("latency"), 20));
        QList<PanelLine> lines;
        for (int id = 0; id < 5000; ++id)
            lines.append({ QString::number(id), { QPointF(double(t0 - 15'000), double(id)) } });
        panel.setQueryState(loadedAnswer(lines, 4999));
        QCOMPARE(panel.dataSeriesCount(), 20);
        QVERIFY(panel.legendLabels().contains(QStringLiteral("4999")));
        QCOMPARE(panel.seriesNote(), QStringLiteral("5,000 series · drawing the 20 worst by latest value"));
        QCOMPARE(panel.visibleSeries().size(), 5000);
    }
};

PERFDASH_TEST_MAIN(TestChartPanel)
#include "tst_chartpanel.moc"
