#include "BucketCounterFrames.h"
#include "ClassicBucketFrames.h"
#include "ClassicBuckets.h"
#include "CounterRate.h"
#include "HeadlessTestMain.h"
#include "HistogramQuantile.h"
#include "LoopbackPort.h"
#include "NumberText.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <cmath>
#include <map>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace perfdash;

// Our quantiles against Prometheus 2.42's own histogram_quantile (Debian package "prometheus") on the same
// numbers. The data goes in by backfill: an OpenMetrics file of one classic histogram turned into a TSDB
// block by `promtool tsdb create-blocks-from openmetrics`, which the server then reads. No scrape, so the
// sample times and values are exactly the ones the test computes with.
//
// Native histograms are not compared here: Prometheus 2.42 ingests them only from protobuf scrapes, and no
// Debian C++ library can expose them (prometheus-cpp 1.0.1 has none). tst_histogram checks the native
// quantile against the cases of Prometheus' own TestNativeHistogram_HistogramQuantile instead.
namespace {
constexpr qint64 stepMs = 15'000;
constexpr int sampleCount = 80; // 20 minutes
constexpr int nonMonotonicSample = 20; // le=1.5 falls below le=1 (a torn scrape)
constexpr int restartSample = 40; // the process restarts: every counter starts again near 0
constexpr int newBucketSample = 60; // a deploy adds le=0.75 from here on
const QStringList layout { QStringLiteral("0.1"), QStringLiteral("0.25"), QStringLiteral("0.5"), QStringLiteral("1"),
    QStringLiteral("1.5"), QStringLiteral("2"), QStringLiteral("2.5"), QStringLiteral("3"), QStringLiteral("5"),
    QStringLiteral("10"), QStringLiteral("+Inf") };
const QString addedLe = QStringLiteral("0.75");

// Relative 1e-9: the server adds and divides the same doubles, but not necessarily in the same order.
bool close(double ours, double theirs)
{
    if (std::isnan(ours) || std::isnan(theirs))
        return std::isnan(ours) && std::isnan(theirs);
    if (ours == theirs)
        return true;
    return std::abs(ours - theirs) <= 1e-9 * std::max(std::abs(ours), std::abs(theirs));
}

// Per le (as written), the cumulative counts at each sample time.
struct GeneratedHistogram {
    QList<qint64> timesMs;
    std::map<QString, QList<std::optional<double>>> counts;

    QList<ClassicBucket> bucketsAt(int sample) const
    {
        QList<ClassicBucket> buckets;
        for (const auto& [le, values] : counts)
            if (values[sample])
                buckets << ClassicBucket { *classicBucketBound(le), *values[sample] };
        return buckets;
    }
};

// Counts that grow by a made-up but fixed amount per bucket and step (a small LCG, no library randomness).
GeneratedHistogram generatedHistogram(qint64 firstMs)
{
    GeneratedHistogram histogram;
    quint32 state = 12345;
    const auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return double(state >> 24) / 16; // 0 … 16 in steps of 1/16, exact in binary
    };
    QStringList les = layout;
    les.insert(4, addedLe);
    std::map<QString, double> counter;
    for (int sample = 0; sample < sampleCount; ++sample) {
        histogram.timesMs << firstMs + sample * stepMs;
        if (sample == restartSample)
            counter.clear();
        double cumulative = 0;
        for (const QString& le : les) {
            cumulative += next();
            if (le == addedLe && sample < newBucketSample)
                continue;
            counter[le] += cumulative;
        }
        for (const QString& le : les) {
            std::optional<double> value;
            if (le != addedLe || sample >= newBucketSample)
                value = counter[le];
            if (sample == nonMonotonicSample && le == QStringLiteral("1.5"))
                value = counter[QStringLiteral("1")] - 7;
            histogram.counts[le] << value;
        }
    }
    return histogram;
}

QByteArray openMetrics(const GeneratedHistogram& histogram)
{
    QByteArray text = "# TYPE x histogram\n";
    for (int sample = 0; sample < sampleCount; ++sample) {
        const QByteArray seconds = QByteArray::number(histogram.timesMs[sample] / 1000);
        for (const auto& [le, values] : histogram.counts)
            if (values[sample])
                text += "x_bucket{le=\"" + le.toUtf8() + "\"} " + shortestNumberText(*values[sample]) + ' ' + seconds
                    + '\n';
        text += "x_count " + shortestNumberText(*histogram.counts.at(QStringLiteral("+Inf"))[sample]) + ' ' + seconds
            + '\n';
        text += "x_sum 0 " + seconds + '\n';
    }
    return text + "# EOF\n";
}

// One series of a range query's matrix, values parsed ("NaN" and "+Inf" included).
QList<QuerySeries> matrixOf(const QByteArray& body, QString* error)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    if (answer.value(QStringLiteral("status")).toString() != QStringLiteral("success")) {
        *error = QString::fromUtf8(body.left(500));
        return {};
    }
    QList<QuerySeries> result;
    for (const QJsonValue item :
        answer.value(QStringLiteral("data")).toObject().value(QStringLiteral("result")).toArray()) {
        QuerySeries series;
        const QJsonObject metric = item.toObject().value(QStringLiteral("metric")).toObject();
        for (auto label = metric.begin(); label != metric.end(); ++label)
            series.labels.insert(label.key(), label.value().toString());
        for (const QJsonValue point : item.toObject().value(QStringLiteral("values")).toArray()) {
            const QJsonArray pair = point.toArray();
            const qint64 ms = qint64(std::llround(pair.at(0).toDouble() * 1000));
            series.points << QPointF(double(ms), *classicBucketBound(pair.at(1).toString()));
        }
        result << series;
    }
    return result;
}
}

class TestHistogramQuantilePrometheus : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_server;
    QNetworkAccessManager m_network;
    QUrl m_url;
    GeneratedHistogram m_histogram;

    // GET and wait; the body, or an empty array with *status 0 when nothing answered within 5 s.
    QByteArray get(const QUrl& url, int* status)
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(5000);
        std::unique_ptr<QNetworkReply> reply(m_network.get(request));
        QEventLoop loop;
        connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return reply->readAll();
    }

    bool serverReady()
    {
        int status = 0;
        get(m_url.resolved(QUrl(QStringLiteral("/-/ready"))), &status);
        return status == 200;
    }

    // The matrix of `query` over every sample time.
    QList<QuerySeries> rangeQuery(const QString& query)
    {
        QUrl url = m_url.resolved(QUrl(QStringLiteral("/api/v1/query_range")));
        QUrlQuery parameters;
        parameters.addQueryItem(QStringLiteral("query"), QString::fromUtf8(QUrl::toPercentEncoding(query)));
        parameters.addQueryItem(QStringLiteral("start"), QString::number(m_histogram.timesMs.first() / 1000));
        parameters.addQueryItem(QStringLiteral("end"), QString::number(m_histogram.timesMs.last() / 1000));
        parameters.addQueryItem(QStringLiteral("step"), QString::number(stepMs / 1000));
        url.setQuery(parameters);
        int status = 0;
        const QByteArray body = get(url, &status);
        QString error;
        QList<QuerySeries> matrix = matrixOf(body, &error);
        if (!error.isEmpty() || status != 200)
            qWarning("%s: HTTP %d %s", qPrintable(query), status, qPrintable(error));
        return matrix;
    }

    // Time → value of a matrix with one series (an aggregate such as histogram_quantile(...)).
    static std::map<qint64, double> byTime(const QList<QuerySeries>& matrix)
    {
        std::map<qint64, double> values;
        for (const QuerySeries& series : matrix)
            for (const QPointF& point : series.points)
                values[qint64(point.x())] = point.y();
        return values;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
        const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        if (prometheus.isEmpty() || promtool.isEmpty())
            QFAIL("prometheus or promtool is missing: install the Debian package prometheus (scripts/setup-debian)");
        QVERIFY(m_dir.isValid());

        // Within the last two hours, whole 15 s steps, ending a few minutes ago.
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        const qint64 firstMs = (nowMs - 30 * 60 * 1000) / stepMs * stepMs;
        m_histogram = generatedHistogram(firstMs);
        QFile data(m_dir.filePath(QStringLiteral("x.om")));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write(openMetrics(m_histogram));
        data.close();

        QProcess backfill;
        backfill.setProcessChannelMode(QProcess::MergedChannels);
        backfill.start(promtool,
            { QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"), QStringLiteral("openmetrics"),
                data.fileName(), m_dir.filePath(QStringLiteral("tsdb")) });
        QVERIFY(backfill.waitForFinished(20000));
        QVERIFY2(backfill.exitCode() == 0, backfill.readAll().constData());

        QFile config(m_dir.filePath(QStringLiteral("prometheus.yml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("global:\n  evaluation_interval: 1m\n");
        config.close();
        const quint16 port = closedLoopbackPort();
        QVERIFY(port != 0);
        m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        m_server.setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
        m_server.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_server.start(prometheus,
            { QStringLiteral("--config.file=") + config.fileName(),
                QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("tsdb")),
                QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port), QStringLiteral("--log.level=warn") });
        QVERIFY2(m_server.waitForStarted(5000), qPrintable(m_server.errorString()));
        QTRY_VERIFY2_WITH_TIMEOUT(serverReady() || m_server.state() != QProcess::Running, "not ready in 15 s", 15000);
        QVERIFY2(m_server.state() == QProcess::Running, m_server.readAll().constData());
    }

    void cleanupTestCase()
    {
        if (m_server.state() == QProcess::NotRunning)
            return;
        m_server.terminate();
        if (!m_server.waitForFinished(5000))
            m_server.kill();
        m_server.waitForFinished(2000);
    }

    void quantilesOfCumulativeCounts_data()
    {
        QTest::addColumn<double>("q");
        for (double q : { 0.0, 0.5, 0.9, 0.95, 0.99, 1.0 })
            QTest::addRow("%g", q) << q;
    }

    // histogram_quantile over the raw buckets at every sample: the restart, the torn scrape (ensureMonotonic)
    // and the new bucket included; through classicBucketQuantile, and through the frames a panel draws.
    void quantilesOfCumulativeCounts()
    {
        QFETCH(double, q);
        const std::map<qint64, double> server
            = byTime(rangeQuery(QStringLiteral("histogram_quantile(%1, x_bucket)").arg(q)));
        QCOMPARE(server.size(), std::size_t(sampleCount));
        const HistogramFrames frames = framesFromClassicBuckets(rangeQuery(QStringLiteral("x_bucket")), stepMs);
        QCOMPARE(frames.columns.size(), sampleCount);
        for (int sample = 0; sample < sampleCount; ++sample) {
            const qint64 timeMs = m_histogram.timesMs[sample];
            const double theirs = server.at(timeMs);
            const double ours = classicBucketQuantile(q, m_histogram.bucketsAt(sample));
            QVERIFY2(close(ours, theirs),
                qPrintable(QStringLiteral("sample %1: %2 here, %3 on the server")
                               .arg(sample)
                               .arg(ours, 0, 'g', 17)
                               .arg(theirs, 0, 'g', 17)));
            QCOMPARE(frames.columns[sample].timeMs, timeMs);
            const double drawn = histogramQuantile(q, frames.columns[sample]);
            QVERIFY2(close(drawn, theirs),
                qPrintable(QStringLiteral("sample %1: %2 from the frames, %3 on the server")
                               .arg(sample)
                               .arg(drawn, 0, 'g', 17)
                               .arg(theirs, 0, 'g', 17)));
        }
        QVERIFY2(frames.problems.join(u'\n').contains(QStringLiteral("falls at le=1.5")),
            qPrintable(frames.problems.join(u'\n')));
    }

    void counterRatesMatchRate_data()
    {
        QTest::addColumn<int>("rangeSeconds");
        QTest::addRow("1m, samples on both edges") << 60;
        QTest::addRow("50s, extrapolated 5 s at the start") << 50;
    }

    // rate() of each bucket counter, across the restart and the bucket that appears.
    void counterRatesMatchRate()
    {
        QFETCH(int, rangeSeconds);
        const QList<QuerySeries> server = rangeQuery(QStringLiteral("rate(x_bucket[%1s])").arg(rangeSeconds));
        QCOMPARE(server.size(), m_histogram.counts.size());
        int compared = 0;
        for (const QuerySeries& series : server) {
            const QString le = series.labels.value(QStringLiteral("le"));
            std::vector<LatestSample> samples;
            const QList<std::optional<double>>& counts = m_histogram.counts.at(le);
            for (int sample = 0; sample < sampleCount; ++sample)
                if (counts[sample])
                    samples.push_back({ m_histogram.timesMs[sample], *counts[sample] });
            for (const QPointF& point : series.points) {
                const qint64 timeMs = qint64(point.x());
                const std::optional<double> ours = counterRate(samples, timeMs - rangeSeconds * 1000, timeMs);
                QVERIFY2(ours, qPrintable(QStringLiteral("le=%1 at %2: no rate here").arg(le).arg(timeMs)));
                QVERIFY2(close(*ours, point.y()),
                    qPrintable(QStringLiteral("le=%1 at %2: %3 here, %4 on the server")
                                   .arg(le)
                                   .arg(timeMs)
                                   .arg(*ours, 0, 'g', 17)
                                   .arg(point.y(), 0, 'g', 17)));
                ++compared;
            }
        }
        QVERIFY(compared > 700);
    }

    void quantilesOfRates_data()
    {
        QTest::addColumn<double>("q");
        for (double q : { 0.5, 0.95, 0.99 })
            QTest::addRow("%g", q) << q;
    }

    // histogram_quantile(q, rate(x_bucket[1m])) against the frames a stream panel builds from the same counters.
    void quantilesOfRates()
    {
        QFETCH(double, q);
        const std::map<qint64, double> server
            = byTime(rangeQuery(QStringLiteral("histogram_quantile(%1, rate(x_bucket[1m]))").arg(q)));
        QList<BucketCounter> counters;
        for (const auto& [le, counts] : m_histogram.counts) {
            BucketCounter counter { le, {} };
            for (int sample = 0; sample < sampleCount; ++sample)
                if (counts[sample])
                    counter.samples.push_back({ m_histogram.timesMs[sample], *counts[sample] });
            counters << counter;
        }
        const HistogramFrames frames = framesFromBucketCounters(
            counters, { m_histogram.timesMs.first(), m_histogram.timesMs.last(), stepMs, 60'000 });
        // The first time has one sample in its minute: neither side has a rate there.
        QCOMPARE(frames.columns.size(), server.size());
        for (const HistogramColumn& column : frames.columns) {
            QVERIFY(server.contains(column.timeMs));
            const double theirs = server.at(column.timeMs);
            const double ours = histogramQuantile(q, column);
            QVERIFY2(close(ours, theirs),
                qPrintable(QStringLiteral("at %1: %2 here, %3 on the server")
                               .arg(column.timeMs)
                               .arg(ours, 0, 'g', 17)
                               .arg(theirs, 0, 'g', 17)));
        }
        QCOMPARE(frames.columns.size(), sampleCount - 1);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestHistogramQuantilePrometheus)
#include "tst_histogramquantileprometheus.moc"
