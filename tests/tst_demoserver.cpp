#include "BinaryRun.h"
#include "HeadlessTestMain.h"
#include "StreamSource.h"
#include "TimeSeriesStore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>

using namespace perfdash;
using namespace std::chrono_literals;

// Drives the real `perfdash demo-server` process over loopback: its stream into a StreamSource and the
// store, and its Prometheus exposer over HTTP.
class TestDemoServer : public QObject {
    Q_OBJECT

    struct Endpoints {
        QUrl stream;
        QUrl metrics;
    };

    // Starts the binary and reads the URLs it prints; empty URLs (and a test failure) if it does not start.
    static Endpoints launch(QProcess& process, const QStringList& extraArguments)
    {
        process.setProgram(QStringLiteral(PERFDASH_BINARY));
        process.setArguments(QStringList { QStringLiteral("demo-server") } + extraArguments);
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start();
        if (!process.waitForStarted(5000))
            return {};
        const QByteArray output = readOutputUntil(process, QProcess::StandardOutput, [](const QByteArray& sofar) {
            return !outputField(sofar, QStringLiteral("stream")).isEmpty()
                && !outputField(sofar, QStringLiteral("metrics")).isEmpty();
        });
        return { QUrl(outputField(output, QStringLiteral("stream"))),
            QUrl(outputField(output, QStringLiteral("metrics"))) };
    }

    static StreamSourceOptions fastRetries()
    {
        StreamSourceOptions options;
        options.backoff.base = 100ms;
        options.backoff.cap = 500ms;
        return options;
    }

private Q_SLOTS:
    void streamReachesTheStore()
    {
        QProcess demo;
        const Endpoints endpoints = launch(demo, { QStringLiteral("--tick-ms"), QStringLiteral("50") });
        QVERIFY2(endpoints.stream.isValid() && !endpoints.stream.isEmpty(), demo.readAllStandardError().constData());
        QCOMPARE(endpoints.stream.host(), QStringLiteral("127.0.0.1"));

        TimeSeriesStore store;
        StreamSource source(endpoints.stream, store, fastRetries());
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(source.counters().samplesStored >= 50, 10000);
        for (const QString& metric : { QStringLiteral("http_request_duration_seconds:p95"),
                 QStringLiteral("agent_execution_seconds:mean"), QStringLiteral("cache_hit_ratio"),
                 QStringLiteral("llm_request_duration_seconds:mean"), QStringLiteral("process_resident_memory_bytes") })
            QTRY_VERIFY2_WITH_TIMEOUT(!store.seriesForMetric(metric).isEmpty(), qPrintable(metric), 10000);
        QCOMPARE(source.counters().malformedMessages, quint64(0));
        demo.kill();
        demo.waitForFinished();
    }

    void malformedMessagesAreCountedAndTheStreamGoesOn()
    {
        QProcess demo;
        const Endpoints endpoints = launch(demo,
            { QStringLiteral("--tick-ms"), QStringLiteral("50"), QStringLiteral("--malformed-every"), QStringLiteral("2") });
        QVERIFY(!endpoints.stream.isEmpty());
        TimeSeriesStore store;
        StreamSource source(endpoints.stream, store, fastRetries());
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(source.counters().malformedMessages >= 3, 10000);
        const quint64 storedBefore = source.counters().samplesStored;
        QTRY_VERIFY_WITH_TIMEOUT(source.counters().samplesStored > storedBefore + 20, 10000);
        QCOMPARE(source.status().state, ConnectionState::Live);
        QVERIFY2(source.counters().lastError.contains(QStringLiteral("samples[0].ts")),
            qPrintable(source.counters().lastError));
        demo.kill();
        demo.waitForFinished();
    }

    void clientReconnectsAfterTheServerIsKilledAndRestarted()
    {
        QProcess demo;
        const Endpoints first = launch(demo, { QStringLiteral("--tick-ms"), QStringLiteral("50") });
        QVERIFY(!first.stream.isEmpty());
        TimeSeriesStore store;
        StreamSource source(first.stream, store, fastRetries());
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.status().state, ConnectionState::Live, 10000);

        demo.kill();
        demo.waitForFinished();
        QTRY_COMPARE_WITH_TIMEOUT(source.status().state, ConnectionState::Reconnecting, 10000);
        const quint64 storedWhileDown = source.counters().samplesStored;

        QProcess restarted;
        const Endpoints second = launch(restarted,
            { QStringLiteral("--tick-ms"), QStringLiteral("50"), QStringLiteral("--ws-port"),
                QString::number(first.stream.port()) });
        QCOMPARE(second.stream, first.stream);
        QTRY_COMPARE_WITH_TIMEOUT(source.status().state, ConnectionState::Live, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(source.counters().samplesStored > storedWhileDown, 10000);
        restarted.kill();
        restarted.waitForFinished();
    }

    void exposerServesTheFiveFamilies()
    {
        QProcess demo;
        const Endpoints endpoints = launch(demo, { QStringLiteral("--tick-ms"), QStringLiteral("50") });
        QVERIFY(!endpoints.metrics.isEmpty());
        QCOMPARE(endpoints.metrics.host(), QStringLiteral("127.0.0.1"));
        QTest::qWait(300); // a few ticks, so every histogram has observations

        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(endpoints.metrics)));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const QByteArray body = reply->readAll();
        for (const char* family : { "# TYPE http_request_duration_seconds histogram",
                 "# TYPE agent_execution_seconds histogram", "# TYPE cache_requests_total counter",
                 "# TYPE llm_request_duration_seconds histogram", "# TYPE process_resident_memory_bytes gauge" })
            QVERIFY2(body.contains(family), family);
        // The seed's buckets and labels.
        QVERIFY(body.contains(R"(agent_execution_seconds_bucket{agent_name="analyzer",status="success",le="30"})"));
        QVERIFY(body.contains(R"(cache_requests_total{cache_name="trends",result="hit"})"));
        QVERIFY(body.contains(R"(http_request_duration_seconds_bucket{endpoint="/api/v1/analyze",le="1.5"})"));
        demo.kill();
        demo.waitForFinished();
    }

    void badArgumentsAreRefusedWithAReason()
    {
        QProcess demo;
        demo.start(QStringLiteral(PERFDASH_BINARY), { QStringLiteral("demo-server"), QStringLiteral("--scenario"),
                                                        QStringLiteral("fast") });
        QVERIFY(demo.waitForFinished(10000));
        QCOMPARE(demo.exitCode(), 2);
        QVERIFY(demo.readAllStandardError().contains("--scenario must be baseline or optimized, not \"fast\""));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
