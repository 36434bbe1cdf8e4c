#include "DemoSystem.h"
#include "HeadlessTestMain.h"
#include "HistogramQuantile.h"
#include "HistogramShare.h"
#include "JsonV1Parser.h"
#include "JsonV1Writer.h"
#include "MetricNames.h"
#include "StoreHistogramFrames.h"
#include "TimeSeriesStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <map>

using namespace perfdash;

// The demo must look like the seed's system: around the "current" column in the baseline scenario,
// inside every target in the optimized one.
class TestDemoSystem : public QObject {
    Q_OBJECT

    // Runs two simulated minutes at 4 Hz and returns the last derived value of every series.
    static std::map<QString, std::vector<double>> simulate(DemoScenario scenario)
    {
        DemoSystem system(scenario, 7);
        qint64 now = 1'764'000'000'000;
        for (int tick = 0; tick < 480; ++tick) {
            now += 250;
            system.step(now, 0.25);
        }
        std::map<QString, std::vector<double>> byMetric;
        for (const Sample& sample : system.derivedSamples(now)) {
            if (sample.timestampMs == now)
                byMetric[sample.metric].push_back(sample.value);
        }
        return byMetric;
    }

private Q_SLOTS:
    void derivesEveryDefaultDashboardMetric()
    {
        const auto byMetric = simulate(DemoScenario::Baseline);
        for (const QString& metric : { MetricNames::apiP95, MetricNames::agentMean, MetricNames::cacheHitRatio,
                 MetricNames::llmMean, MetricNames::residentMemory })
            QVERIFY2(byMetric.count(metric), qPrintable(metric));
        QCOMPARE(byMetric.at(MetricNames::apiP95).size(), std::size_t(2));
        QCOMPARE(byMetric.at(MetricNames::residentMemory).size(), std::size_t(1));
    }

    void scenarioLevels_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        constexpr double mb = 1024.0 * 1024.0;
        const int baseline = int(DemoScenario::Baseline);
        const int optimized = int(DemoScenario::Optimized);
        QTest::addRow("baseline api p95 ~2 s") << baseline << MetricNames::apiP95 << 1.6 << 2.6;
        QTest::addRow("baseline agents ~30 s") << baseline << MetricNames::agentMean << 24.0 << 38.0;
        QTest::addRow("baseline cache ~60 %%") << baseline << MetricNames::cacheHitRatio << 0.5 << 0.7;
        QTest::addRow("baseline llm ~3 s") << baseline << MetricNames::llmMean << 2.4 << 3.6;
        QTest::addRow("baseline memory <= 512 MB") << baseline << MetricNames::residentMemory << 380 * mb << 513 * mb;
        QTest::addRow("optimized api p95 < 1.6 s") << optimized << MetricNames::apiP95 << 0.8 << 1.6;
        QTest::addRow("optimized agents < 24 s") << optimized << MetricNames::agentMean << 14.0 << 24.0;
        QTest::addRow("optimized cache > 80 %%") << optimized << MetricNames::cacheHitRatio << 0.8 << 0.95;
        QTest::addRow("optimized llm < 2.4 s") << optimized << MetricNames::llmMean << 1.4 << 2.4;
        QTest::addRow("optimized memory < 410 MB") << optimized << MetricNames::residentMemory << 250 * mb << 410 * mb;
    }

    void scenarioLevels()
    {
        QFETCH(int, scenario);
        QFETCH(QString, metric);
        QFETCH(double, low);
        QFETCH(double, high);
        const auto byMetric = simulate(DemoScenario(scenario));
        for (const double value : byMetric.at(metric)) {
            QVERIFY2(value > low && value < high,
                qPrintable(QStringLiteral("%1 = %2, expected in (%3, %4)").arg(metric).arg(value).arg(low).arg(high)));
        }
    }

    // The control of the deploy's before and after: the optimized build is faster, not busier.
    void requestRateIsTheSameInBothScenarios()
    {
        for (const DemoScenario scenario : { DemoScenario::Baseline, DemoScenario::Optimized }) {
            DemoSystem system(scenario, 7);
            std::size_t requests = 0;
            for (int tick = 1; tick <= 480; ++tick)
                requests += system.step(tick * 250, 0.25).requests.size();
            const double perSecond = double(requests) / 120.0;
            // 40/s for each of the two endpoints; the Poisson noise over 2 minutes is about 1 %.
            QVERIFY2(perSecond > 76 && perSecond < 84, qPrintable(QString::number(perSecond)));
        }
    }

    void annotationMessageIsJsonV1()
    {
        Annotation point;
        point.timeMs = point.endMs = 1'764'000'000'000;
        point.text = QStringLiteral("deploy: baseline → optimized \"4f2a\"");
        point.tags = QStringList { QStringLiteral("deploy") };
        Annotation range = point;
        range.endMs = point.timeMs + 5000;
        range.tags.clear();
        const QByteArray message = JsonV1Writer::writeAnnotations({ point, range });
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(message, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(root.value(QStringLiteral("v")).toInt(), 1);
        QCOMPARE(root.value(QStringLiteral("samples")).toArray().size(), 0);
        const QJsonArray annotations = root.value(QStringLiteral("annotations")).toArray();
        QCOMPARE(annotations.size(), 2);
        const QJsonObject first = annotations[0].toObject();
        QCOMPARE(first.value(QStringLiteral("ts")).toInteger(), point.timeMs);
        QVERIFY(!first.contains(QStringLiteral("endTs"))); // a point has none
        QCOMPARE(first.value(QStringLiteral("text")).toString(), point.text);
        QCOMPARE(first.value(QStringLiteral("tags")).toArray(), QJsonArray { QStringLiteral("deploy") });
        const QJsonObject second = annotations[1].toObject();
        QCOMPARE(second.value(QStringLiteral("endTs")).toInteger(), range.endMs);
        QCOMPARE(second.value(QStringLiteral("tags")).toArray(), QJsonArray());
    }

    // The stream's histograms go through the wire form and the store as a user's heatmap reads them: the
    // request latency's p95 and the share under the 1.6 s target move with the scenario.
    void streamedHistogramsShowTheScenario_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<double>("lowP95");
        QTest::addColumn<double>("highP95");
        QTest::addColumn<double>("lowShare");
        QTest::addColumn<double>("highShare");
        // Levels of the simulation: p95 2.05 and 1.92 s per endpoint, 1.42 and 1.31 s optimized; the buckets
        // (…, 1.5, 2, 2.5, …) blur that by their width.
        QTest::addRow("baseline") << int(DemoScenario::Baseline) << 1.6 << 2.5 << 0.8 << 0.93;
        QTest::addRow("optimized") << int(DemoScenario::Optimized) << 1.0 << 1.6 << 0.95 << 1.0;
    }

    void streamedHistogramsShowTheScenario()
    {
        QFETCH(int, scenario);
        QFETCH(double, lowP95);
        QFETCH(double, highP95);
        QFETCH(double, lowShare);
        QFETCH(double, highShare);
        DemoSystem system(DemoScenario(scenario), 7);
        TimeSeriesStore store;
        qint64 now = 1'764'000'000'000;
        for (int tick = 0; tick < 480; ++tick) {
            now += 250;
            system.step(now, 0.25);
            if (tick % 4 == 3) {
                const ParseResult parsed = JsonV1Parser::parse(JsonV1Writer::write({}, system.histograms(), now));
                QVERIFY2(parsed.errors.isEmpty(), qPrintable(parsed.errors.join(u'\n')));
                store.append(parsed.samples);
            }
        }
        // Two endpoints' 11 buckets, and _count and _sum of each; the agents' 7 buckets likewise.
        QCOMPARE(store.seriesKeys(QStringLiteral("http_request_duration_seconds_bucket")).size(), 22);
        QCOMPARE(store.seriesKeys(QStringLiteral("agent_execution_seconds_bucket")).size(), 14);
        const HistogramFrames frames = storeHistogramFrames(
            store, QStringLiteral("http_request_duration_seconds"), now - 60'000, now, 30'000, 30'000);
        QVERIFY2(frames.problems.isEmpty(), qPrintable(frames.problems.join(u'\n')));
        QCOMPARE(frames.columns.size(), 3);
        for (const HistogramColumn& column : frames.columns) {
            // 80 requests a second over both endpoints
            QVERIFY2(column.total() > 70 && column.total() < 90, qPrintable(QString::number(column.total())));
            const double p95 = histogramQuantile(0.95, column);
            const double share = shareAtOrBelow(column, 1.6);
            QVERIFY2(p95 > lowP95 && p95 < highP95, qPrintable(QString::number(p95)));
            QVERIFY2(share > lowShare && share <= highShare, qPrintable(QString::number(share)));
        }
    }

    void sameSeedSameRun()
    {
        DemoSystem a(DemoScenario::Baseline, 42);
        DemoSystem b(DemoScenario::Baseline, 42);
        for (int tick = 1; tick <= 40; ++tick) {
            a.step(tick * 250, 0.25);
            b.step(tick * 250, 0.25);
        }
        const SampleBatch left = a.derivedSamples(10'000);
        const SampleBatch right = b.derivedSamples(10'000);
        QCOMPARE(left.size(), right.size());
        for (std::size_t i = 0; i < left.size(); ++i)
            QCOMPARE(left[i].value, right[i].value);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestDemoSystem)
#include "tst_demosystem.moc"
