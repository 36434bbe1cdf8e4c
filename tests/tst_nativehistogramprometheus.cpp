#include "AwaitPrometheus.h"
#include "BinaryRun.h"
#include "HeadlessTestMain.h"
#include "HistogramQuantile.h"
#include "HistogramShare.h"
#include "LocalPrometheus.h"
#include "NativeHistogramFrames.h"
#include "PrometheusClient.h"

#include <QDateTime>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <optional>

using namespace perfdash;

// Native histograms from a real Prometheus 2.42 (--enable-feature=native-histograms) scraping Debian's
// client_golang 1.14 (tests/support/nativehistogramexposer): our parse of its answers, and our quantiles
// and shares of its buckets against its own histogram_quantile and histogram_fraction at the same times.
class TestNativeHistogramPrometheus : public QObject {
    Q_OBJECT

    QProcess m_exposer;
    std::unique_ptr<LocalPrometheus> m_prometheus;
    qint64 m_firstScrapeMs = 0;

    DataSourceSpec source() const
    {
        DataSourceSpec spec;
        spec.id = QStringLiteral("local");
        spec.kind = DataSourceKind::Prometheus;
        spec.url = m_prometheus->url();
        spec.queryTimeoutMs = 5000;
        return spec;
    }

    PrometheusResponse range(const QString& query, qint64 fromMs, qint64 toMs)
    {
        PrometheusClient client(source());
        return awaitAnswer(client, [&](PrometheusClient& c, QObject* context, PrometheusClient::Callback done) {
            c.queryRange(query, fromMs, toMs, 1.0, context, std::move(done));
        });
    }

    // The last few whole seconds, once there are enough scrapes for a rate over 2 s.
    std::pair<qint64, qint64> recentRange()
    {
        QTest::qWait(int(std::max<qint64>(0, m_firstScrapeMs + 6000 - QDateTime::currentMSecsSinceEpoch())));
        const qint64 to = (QDateTime::currentMSecsSinceEpoch() - 500) / 1000 * 1000;
        return { to - 3000, to };
    }

    // The server's float answer at each time of a range query, by time.
    static QHash<qint64, double> valuesByTime(const PrometheusResponse& response)
    {
        QHash<qint64, double> values;
        if (!response.result.series.isEmpty()) {
            for (const QPointF& point : response.result.series.first().points)
                values.insert(qint64(point.x()), point.y());
        }
        return values;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (LocalPrometheus::binary().isEmpty())
            QFAIL("the prometheus binary is missing: run scripts/setup-debian (Debian package prometheus)");
        m_exposer.setProgram(QStringLiteral(PERFDASH_NATIVE_HISTOGRAM_EXPOSER));
        m_exposer.start();
        QVERIFY2(m_exposer.waitForStarted(5000), qPrintable(m_exposer.errorString()));
        const QByteArray output = readOutputUntil(
            m_exposer, QProcess::StandardOutput, [](const QByteArray& sofar) { return sofar.contains('\n'); });
        QVERIFY2(output.startsWith("port "), output.constData());
        const int port = output.mid(5).trimmed().toInt();

        m_prometheus = std::make_unique<LocalPrometheus>();
        m_prometheus->setFeatures({ QStringLiteral("native-histograms") });
        QSignalSpy ready(m_prometheus.get(), &LocalPrometheus::ready);
        QString error;
        QVERIFY2(m_prometheus->start({ QStringLiteral("127.0.0.1:%1").arg(port) }, 500, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
        PrometheusClient client(source());
        QTRY_VERIFY_WITH_TIMEOUT(
            awaitAnswer(client,
                [](PrometheusClient& c, QObject* context, PrometheusClient::Callback done) {
                    c.queryInstant(QStringLiteral("rpc_duration_seconds"), QDateTime::currentMSecsSinceEpoch(),
                        context, std::move(done));
                }).result.series.size()
                == 1,
            20000);
        m_firstScrapeMs = QDateTime::currentMSecsSinceEpoch();
    }

    void cleanupTestCase()
    {
        m_prometheus.reset();
        m_exposer.kill();
        m_exposer.waitForFinished();
    }

    // A vector's "histogram": the client's exponential buckets, counts adding up to the count.
    void instantHistogramIsParsed()
    {
        PrometheusClient client(source());
        const PrometheusResponse response
            = awaitAnswer(client, [](PrometheusClient& c, QObject* context, PrometheusClient::Callback done) {
                  c.queryInstant(QStringLiteral("rpc_duration_seconds"), QDateTime::currentMSecsSinceEpoch(), context,
                      std::move(done));
              });
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QCOMPARE(response.result.type, QueryResultType::Vector);
        QCOMPARE(response.result.series.size(), 1);
        const QuerySeries& series = response.result.series.first();
        QVERIFY(series.points.isEmpty());
        QCOMPARE(series.histograms.size(), 1);
        const NativeHistogramSample& sample = series.histograms.first();
        QVERIFY2(sample.buckets.size() > 10, qPrintable(QString::number(sample.buckets.size())));
        double inBuckets = 0;
        for (const NativeHistogramBucket& bucket : sample.buckets) {
            QVERIFY(bucket.lower < bucket.upper);
            // Schema 3: every bound is a power of 2^(1/8).
            QVERIFY2(std::abs(std::log2(bucket.upper) * 8 - std::round(std::log2(bucket.upper) * 8)) < 1e-9,
                qPrintable(QString::number(bucket.upper, 'g', 17)));
            inBuckets += bucket.count;
        }
        QCOMPARE(inBuckets, sample.count); // every latency is positive: the zero bucket is empty
        QVERIFY(sample.sum > 0.1 * sample.count && sample.sum < 1.0 * sample.count);
    }

    void quantilesMatchHistogramQuantile_data()
    {
        QTest::addColumn<double>("q");
        QTest::addRow("p50") << 0.5;
        QTest::addRow("p95") << 0.95;
        QTest::addRow("p99") << 0.99;
    }

    void quantilesMatchHistogramQuantile()
    {
        QFETCH(double, q);
        const auto [from, to] = recentRange();
        const QString rate = QStringLiteral("rate(rpc_duration_seconds[2s])");
        const PrometheusResponse buckets = range(rate, from, to);
        QVERIFY2(buckets.ok(), qPrintable(buckets.message()));
        const PrometheusResponse server
            = range(QStringLiteral("histogram_quantile(%1, %2)").arg(q).arg(rate), from, to);
        QVERIFY2(server.ok(), qPrintable(server.message()));
        const HistogramFrames frames = framesFromNativeHistograms(buckets.result.series, 1000);
        QVERIFY2(frames.problems.isEmpty(), qPrintable(frames.problems.join(u'\n')));
        QVERIFY2(frames.columns.size() >= 3, qPrintable(QString::number(frames.columns.size())));
        const QHash<qint64, double> expected = valuesByTime(server);
        for (const HistogramColumn& column : frames.columns) {
            QCOMPARE(column.kind, HistogramKind::Native);
            QVERIFY2(expected.contains(column.timeMs), qPrintable(QString::number(column.timeMs)));
            const double ours = histogramQuantile(q, column);
            const double theirs = expected.value(column.timeMs);
            QVERIFY2(std::abs(ours - theirs) <= 1e-9 * std::abs(theirs),
                qPrintable(QStringLiteral("at %1: ours %2, Prometheus %3")
                               .arg(column.timeMs)
                               .arg(ours, 0, 'g', 17)
                               .arg(theirs, 0, 'g', 17)));
        }
    }

    void shareMatchesHistogramFraction_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::addRow("on a bucket bound (0.5 = 2^-1)") << 0.5;
        QTest::addRow("inside a bucket") << 0.4;
    }

    void shareMatchesHistogramFraction()
    {
        QFETCH(double, threshold);
        const auto [from, to] = recentRange();
        const QString rate = QStringLiteral("rate(rpc_duration_seconds[2s])");
        const PrometheusResponse buckets = range(rate, from, to);
        QVERIFY2(buckets.ok(), qPrintable(buckets.message()));
        const PrometheusResponse server
            = range(QStringLiteral("histogram_fraction(0, %1, %2)").arg(threshold).arg(rate), from, to);
        QVERIFY2(server.ok(), qPrintable(server.message()));
        const HistogramFrames frames = framesFromNativeHistograms(buckets.result.series, 1000);
        const QHash<qint64, double> expected = valuesByTime(server);
        QVERIFY(!frames.columns.isEmpty());
        for (const HistogramColumn& column : frames.columns) {
            QVERIFY2(expected.contains(column.timeMs), qPrintable(QString::number(column.timeMs)));
            const double ours = shareAtOrBelow(column, threshold);
            const double theirs = expected.value(column.timeMs);
            QVERIFY2(std::abs(ours - theirs) <= 1e-9,
                qPrintable(QStringLiteral("at %1: ours %2, Prometheus %3")
                               .arg(column.timeMs)
                               .arg(ours, 0, 'g', 17)
                               .arg(theirs, 0, 'g', 17)));
        }
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestNativeHistogramPrometheus)
#include "tst_nativehistogramprometheus.moc"
