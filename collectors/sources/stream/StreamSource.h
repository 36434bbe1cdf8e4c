#pragma once

#include "Backoff.h"
#include "DataSource.h"
#include "IngestStatus.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>


namespace perfdash {

class AnnotationLog;
class LatencyRecorder;
class TimeSeriesStore;
class WebSocketClient;

struct StreamSourceOptions {
    std::chrono::milliseconds connectTimeout { 10'000 };
    // Reconnects: 250 ms doubling to 30 s, with full jitter.
    BackoffPolicy backoff { std::chrono::milliseconds(250), std::chrono::seconds(30), 2.0, Jitter::Full };
    // The backoff starts over only after a connection stayed up this long: a server that accepts the
    // handshake and then drops us at once (an oversized message, say) is retried ever more slowly, not
    // 38 times in 8 seconds.
    std::chrono::milliseconds healthyAfter { 10'000 };
    // A live connection that answers no ping for two intervals is treated as dead (no close frame needed).
    std::chrono::milliseconds keepaliveInterval { 10'000 };
    // Messages waiting to be parsed; past either bound the oldest are dropped and counted. The byte bound
    // matters: 4096 messages of up to maxMessageBytes each would otherwise be 64 GiB.
    std::size_t maxQueuedMessages = 4096;
    qint64 maxQueuedBytes = 64 * 1024 * 1024;
    // Qt's defaults are unlimited; a hostile server must not make us buffer gigabytes.
    qint64 maxMessageBytes = 16 * 1024 * 1024;
};

// A live WebSocket source (ws:// or wss://). Messages arrive through WebSocketClient's signals into a
// bounded queue and are parsed and stored on this object's thread (the app gives it an ingest thread),
// so the GUI only ever reads the store. Reconnects with capped exponential backoff and full jitter.
class StreamSource : public DataSource {
    Q_OBJECT
public:
    StreamSource(QUrl url, TimeSeriesStore& store, StreamSourceOptions options = {}, QObject* parent = nullptr);
    ~StreamSource() override;

    // Both must run on this object's thread; from elsewhere use QMetaObject::invokeMethod.
    void start() override;
    void stop() override;

    QUrl url() const { return m_url; }
    // Optional: told the receive time and sample count of every stored message (set before start()).
    void setLatencyRecorder(LatencyRecorder* recorder) { m_latency = recorder; }
    // Optional: gets every message's annotations, as Origin::Stream (set before start(); the log is
    // thread-safe, so it may be shared with other sources and read by the GUI).
    void setAnnotationLog(AnnotationLog* log) { m_annotations = log; }
    // Thread-safe snapshots, for a UI that polls on its own timer.
    // errorOccurred() comes once per malformed message, with the parser's reasons joined; never per sample.
    IngestCounters counters() const override;
    ConnectionStatus status() const override;

private:
    void connectOnce();
    void onOpenFinished(WebSocketClient* socket, bool opened);
    void onMessage(const QByteArray& message);
    void drainQueue();
    void onDisconnected();
    // Why the current socket's connection ended, in the user's words.
    QString endReason() const;
    void scheduleReconnect(const QString& reason);
    void setStatus(ConnectionState state, const QString& detail = {}, int retryInMs = 0);
    void sendKeepalivePing();
    void resetSocket();

    QUrl m_url;
    TimeSeriesStore& m_store;
    LatencyRecorder* m_latency = nullptr;
    AnnotationLog* m_annotations = nullptr;
    StreamSourceOptions m_options;
    Backoff m_backoff;
    WebSocketClient* m_socket = nullptr;
    QTimer m_reconnectTimer;
    QTimer m_keepaliveTimer;
    qint64 m_lastPongMs = 0;
    qint64 m_liveSinceMs = 0; // when the current connection went live; 0 while none is
    bool m_running = false;
    bool m_drainScheduled = false;
    struct Pending {
        QByteArray bytes;
        qint64 receivedAtMs;
    };
    std::deque<Pending> m_queue;
    qint64 m_queuedBytes = 0;

    mutable QMutex m_sharedMutex; // guards the two members below, read by the GUI thread
    IngestCounters m_counters;
    ConnectionStatus m_status;
    qint64 m_retryDeadlineMs = 0;
};

} // namespace perfdash
