#include "AnnotationLog.h"
#include "HeadlessTestMain.h"
#include "JsonV1Writer.h"
#include "LoopbackPort.h"
#include "StreamSource.h"
#include "TimeSeriesStore.h"
#include "WebSocketLoopbackServer.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace perfdash;
using namespace std::chrono_literals;

namespace {

StreamSourceOptions fastRetries()
{
    StreamSourceOptions options;
    options.backoff.base = 50ms;
    options.backoff.cap = 400ms;
    options.connectTimeout = 2000ms;
    return options;
}

SampleBatch batchAt(qint64 timestampMs, double value)
{
    return { Sample { QStringLiteral("cache_hit_ratio"), { { QStringLiteral("cache_name"), QStringLiteral("trends") } },
        timestampMs, value } };
}

}

class TestStreamSource : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonAndLineProtocolReachTheStore()
    {
        WebSocketLoopbackServer server;
        TimeSeriesStore store;
        StreamSource source(server.url(), store, fastRetries());
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.status().state, ConnectionState::Live, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 5000);

        server.sendText(JsonV1Writer::write(batchAt(1000, 0.61)));
        server.sendBinary("api_latency,endpoint=/x value=1.5 2000000000\n");
        QTRY_COMPARE_WITH_TIMEOUT(source.counters().samplesStored, quint64(2), 5000);
        QCOMPARE(store.seriesForMetric(QStringLiteral("cache_hit_ratio")).size(), 1);
        const auto latest = store.latest(QStringLiteral("api_latency{endpoint=\"/x\"}"));
        QVERIFY(latest);
        QCOMPARE(latest->timestampMs, 2000);
        QCOMPARE(latest->value, 1.5);
        QCOMPARE(source.counters().messagesReceived, quint64(2));
        QCOMPARE(source.counters().malformedMessages, quint64(0));
    }

    void malformedMessageIsCountedAndTheStreamGoesOn()
    {
        WebSocketLoopbackServer server;
        TimeSeriesStore store;
        StreamSource source(server.url(), store, fastRetries());
        QSignalSpy malformed(&source, &StreamSource::errorOccurred);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 5000);

        server.sendText(R"({"v":1,"samples":[{"metric":"cache_hit_ratio","ts":"soon","value":0.7}]})");
        server.sendText("{\"v\":1,\"samples\":[");
        server.sendText(JsonV1Writer::write(batchAt(3000, 0.8)));
        QTRY_COMPARE_WITH_TIMEOUT(source.counters().samplesStored, quint64(1), 5000);
        QCOMPARE(source.counters().malformedMessages, quint64(2));
        QCOMPARE(malformed.size(), 2);
        QVERIFY2(malformed.at(0).at(0).toString().contains(QStringLiteral("samples[0].ts")),
            qPrintable(malformed.at(0).at(0).toString()));
        QVERIFY(!source.counters().lastError.isEmpty());
        QCOMPARE(source.status().state, ConnectionState::Live);
    }

    void annotationsReachTheLogAndBadOnesAreCounted()
    {
        WebSocketLoopbackServer server;
        TimeSeriesStore store;
        AnnotationLog log;
        StreamSource source(server.url(), store, fastRetries());
        source.setAnnotationLog(&log);
        QSignalSpy malformed(&source, &StreamSource::errorOccurred);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 5000);

        server.sendText(R"({"v":1,"annotations":[{"ts":1000,"endTs":4000,"text":"deploy 4f2a","tags":["deploy"]}]})");
        // One bad annotation between a good one and a sample: only it is lost, and it is named.
        server.sendText(R"({"v":1,"samples":[{"metric":"cache_hit_ratio","ts":5000,"value":0.7}],)"
                        R"("annotations":[{"ts":6000,"text":"cache flushed"},{"ts":9000,"endTs":8000,"text":"x"}]})");
        QTRY_COMPARE_WITH_TIMEOUT(source.counters().samplesStored, quint64(1), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(log.size(), 2, 5000);

        const QList<Annotation> kept = log.all();
        QCOMPARE(kept[0].timeMs, 1000);
        QCOMPARE(kept[0].endMs, 4000);
        QCOMPARE(kept[0].text, QStringLiteral("deploy 4f2a"));
        QCOMPARE(kept[0].tags, QStringList { QStringLiteral("deploy") });
        QCOMPARE(kept[0].origin, Annotation::Origin::Stream);
        QCOMPARE(kept[1].text, QStringLiteral("cache flushed"));
        QCOMPARE(kept[1].origin, Annotation::Origin::Stream);

        const IngestCounters counters = source.counters();
        QCOMPARE(counters.messagesReceived, quint64(2));
        QCOMPARE(counters.malformedMessages, quint64(1));
        QCOMPARE(counters.parseErrors, quint64(1));
        QCOMPARE(counters.lastError, QStringLiteral("annotations[1].endTs: before ts"));
        QCOMPARE(malformed.size(), 1);
        QCOMPARE(malformed.at(0).at(0).toString(), QStringLiteral("annotations[1].endTs: before ts"));
    }

    void annotationsWithoutALogAreIgnored()
    {
        WebSocketLoopbackServer server;
        TimeSeriesStore store;
        StreamSource source(server.url(), store, fastRetries());
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 5000);
        server.sendText(R"({"v":1,"annotations":[{"ts":1000,"text":"deploy"}]})");
        server.sendText(JsonV1Writer::write(batchAt(2000, 0.5)));
        QTRY_COMPARE_WITH_TIMEOUT(source.counters().samplesStored, quint64(1), 5000);
        QCOMPARE(source.counters().malformedMessages, quint64(0));
    }

    void notAWebSocketUrlFailsWithTheReason()
    {
        TimeSeriesStore store;
        StreamSource source(QUrl(QStringLiteral("http://127.0.0.1:1/")), store);
        source.start();
        QCOMPARE(source.status().state, ConnectionState::Failed);
        QCOMPARE(source.status().describe(),
            QStringLiteral("failed: a stream needs a ws:// or wss:// URL with a host, not \"http://127.0.0.1:1/\""));
    }

    void refusedConnectionBacksOffAndRetries()
    {
        const quint16 freePort = closedLoopbackPort();
        QVERIFY(freePort != 0);
        TimeSeriesStore store;
        StreamSource source(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(freePort)), store, fastRetries());
        QSignalSpy states(&source, &StreamSource::statusChanged);
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(source.status().attempt >= 3, 10000);
        bool sawReconnecting = false;
        for (const auto& arguments : std::as_const(states)) {
            const auto status = arguments.at(0).value<ConnectionStatus>();
            if (status.state == ConnectionState::Reconnecting) {
                sawReconnecting = true;
                QVERIFY2(status.detail.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(status.detail));
                QVERIFY(status.retryInMs <= 400);
                QVERIFY(status.describe().startsWith(QStringLiteral("reconnecting in ")));
            }
        }
        QVERIFY(sawReconnecting);
    }

    void reconnectsWhenTheServerComesBack()
    {
        auto server = std::make_unique<WebSocketLoopbackServer>();
        const quint16 port = server->port();
        TimeSeriesStore store;
        StreamSource source(server->url(), store, fastRetries());
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(server->clientCount(), 1, 5000);
        server->sendText(JsonV1Writer::write(batchAt(1000, 0.5)));
        QTRY_COMPARE_WITH_TIMEOUT(source.counters().samplesStored, quint64(1), 5000);

        server->shutDown();
        server.reset();
        QTRY_COMPARE_WITH_TIMEOUT(source.status().state, ConnectionState::Reconnecting, 5000);

        server = std::make_unique<WebSocketLoopbackServer>(port);
        QTRY_COMPARE_WITH_TIMEOUT(server->clientCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(source.status().state, ConnectionState::Live, 5000);
        server->sendText(JsonV1Writer::write(batchAt(2000, 0.9)));
        QTRY_COMPARE_WITH_TIMEOUT(source.counters().samplesStored, quint64(2), 5000);
        // The backoff starts over once the connection has stayed healthy (StreamSourceOptions::healthyAfter),
        // not at the handshake: this one is seconds old, so the next failure still waits a step longer.
        QCOMPARE(source.status().attempt, 1);
    }

    void overloadDropsTheOldestAndCountsEveryDrop()
    {
        WebSocketLoopbackServer server;
        TimeSeriesStore store;
        StreamSourceOptions options = fastRetries();
        options.maxQueuedMessages = 4;
        StreamSource source(server.url(), store, options);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 5000);

        // Sent in one go, the messages reach the source far faster than one drain per event-loop pass.
        constexpr int sent = 2000;
        for (int i = 1; i <= sent; ++i)
            server.sendText(JsonV1Writer::write(batchAt(i, 0.5)));
        QTRY_COMPARE_WITH_TIMEOUT(source.counters().messagesReceived, quint64(sent), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            source.counters().samplesStored + source.counters().droppedMessages, quint64(sent), 5000);

        const IngestCounters counters = source.counters();
        QVERIFY2(counters.droppedMessages > 0, "the queue never overflowed: the test did not overload the source");
        QCOMPARE(counters.samplesParsed, counters.samplesStored);
        QCOMPARE(counters.rejectedSamples, quint64(0));
        QCOMPARE(counters.malformedMessages, quint64(0));
        QCOMPARE(store.stats().retainedSamples, counters.samplesStored);
        // The oldest go first, so the newest message is always kept.
        const auto latest = store.latest(QStringLiteral("cache_hit_ratio{cache_name=\"trends\"}"));
        QVERIFY(latest);
        QCOMPARE(latest->timestampMs, qint64(sent));
    }

    void stopEndsTheConnection()
    {
        WebSocketLoopbackServer server;
        TimeSeriesStore store;
        StreamSource source(server.url(), store, fastRetries());
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.status().state, ConnectionState::Live, 5000);
        source.stop();
        QCOMPARE(source.status().state, ConnectionState::Idle);
        server.sendText(JsonV1Writer::write(batchAt(1000, 0.5)));
        QTest::qWait(100);
        QCOMPARE(source.counters().samplesStored, quint64(0));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestStreamSource)
#include "tst_streamsource.moc"
