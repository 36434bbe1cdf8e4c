#include "BinaryRun.h"
#include "DemoServer.h"
#include "HeadlessTestMain.h"
#include "StreamSource.h"
#include "TimeSeriesStore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <cmath>

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

    // The text messages a WebSocket client received, kept from its construction on.
    struct RecordingClient {
        QWebSocket socket;
        QStringList messages;
        explicit RecordingClient(const QUrl& url)
        {
            QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                [this](const QString& message) { messages << message; });
            socket.open(url);
        }
        QStringList annotationMessages() const { return messages.filter(QStringLiteral("\"annotations\"")); }
    };

    // The value of an unlabelled metric in a /metrics page; NaN without it.
    static double scrapeValue(const QUrl& metricsUrl, const QString& metric)
    {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(metricsUrl)));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            return std::nan("");
        const QRegularExpression line(QStringLiteral("^%1 (\\S+)$").arg(metric), QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = line.match(QString::fromUtf8(reply->readAll()));
        return match.hasMatch() ? match.captured(1).toDouble() : std::nan("");
    }

private Q_SLOTS:
    void deploySwitchesToOptimizedRestartsAndAnnotates()
    {
        DemoServerOptions options;
        options.tickMs = 50;
        options.deployAfterMs = 300;
        DemoServer server(options);
        QSignalSpy deployed(&server, &DemoServer::deployed);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const double startedAt = scrapeValue(server.metricsUrl(), QStringLiteral("process_start_time_seconds"));
        QVERIFY2(startedAt > 1.7e9, qPrintable(QString::number(startedAt, 'f')));
        QCOMPARE(server.scenario(), DemoScenario::Baseline);

        RecordingClient early(server.streamUrl());
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 10000);
        QCOMPARE(server.scenario(), DemoScenario::Optimized);
        QVERIFY(server.hasDeployed());

        QTRY_COMPARE_WITH_TIMEOUT(early.annotationMessages().size(), 1, 10000);
        const QString message = early.annotationMessages().constFirst();
        QVERIFY2(message.contains(QStringLiteral(R"("text":"deploy: baseline → optimized","tags":["deploy"])")),
            qPrintable(message));
        const QRegularExpression tsField(QStringLiteral(R"("ts":(\d+))"));
        const qint64 deployMs = tsField.match(message).captured(1).toLongLong();
        QVERIFY(deployMs >= qint64(startedAt * 1000) + 290); // ms of start and deploy, read from two clocks

        // A GUI that connects later still learns when the deploy was: the same message, once.
        RecordingClient late(server.streamUrl());
        QTRY_COMPARE_WITH_TIMEOUT(late.annotationMessages().size(), 1, 10000);
        QCOMPARE(late.annotationMessages().constFirst(), message);
        QTRY_VERIFY_WITH_TIMEOUT(late.messages.size() > 3, 10000); // and the samples go on
        QCOMPARE(late.annotationMessages().size(), 1);
        QCOMPARE(early.annotationMessages().size(), 1);

        // The restart, as changes(process_start_time_seconds[1m]) sees it.
        const double restartedAt = scrapeValue(server.metricsUrl(), QStringLiteral("process_start_time_seconds"));
        QCOMPARE(qint64(std::llround(restartedAt * 1000)), deployMs);
        QVERIFY(restartedAt > startedAt);
    }

    void noDeployWithoutADelay()
    {
        DemoServerOptions options;
        options.tickMs = 20;
        DemoServer server(options);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        RecordingClient client(server.streamUrl());
        QTRY_VERIFY_WITH_TIMEOUT(client.messages.size() >= 20, 10000); // 400 ms of ticks, past any short delay
        QVERIFY(client.annotationMessages().isEmpty());
        QCOMPARE(server.scenario(), DemoScenario::Baseline);
        QVERIFY(!server.hasDeployed());
    }

    void demoServerCommandDeploysAfterTheDelay()
    {
        QProcess demo;
        const Endpoints endpoints = launch(demo,
            { QStringLiteral("--tick-ms"), QStringLiteral("50"), QStringLiteral("--demo-deploy-after"),
                QStringLiteral("300ms") });
        QVERIFY2(!endpoints.stream.isEmpty(), demo.readAllStandardError().constData());
        RecordingClient client(endpoints.stream);
        TimeSeriesStore store;
        StreamSource source(endpoints.stream, store, fastRetries());
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(client.annotationMessages().size(), 1, 10000);
        QVERIFY(client.annotationMessages().constFirst().contains(QStringLiteral("deploy: baseline → optimized")));
        // The annotation message is valid JSON v1 to the stream reader too: nothing counted as malformed.
        const quint64 storedAtDeploy = source.counters().samplesStored;
        QTRY_VERIFY_WITH_TIMEOUT(source.counters().samplesStored > storedAtDeploy, 10000);
        QCOMPARE(source.counters().malformedMessages, quint64(0));
        demo.kill();
        demo.waitForFinished();
    }

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

        demo.start(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("demo-server"), QStringLiteral("--demo-deploy-after"), QStringLiteral("soon") });
        QVERIFY(demo.waitForFinished(10000));
        QCOMPARE(demo.exitCode(), 2);
        const QByteArray err = demo.readAllStandardError();
        QVERIFY2(err.contains("perfdash demo-server: --demo-deploy-after takes a duration such as 90s, 2m or 1h (0s: "
                              "never), not \"soon\""),
            err.constData());
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
