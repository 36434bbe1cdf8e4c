#include "StreamSource.h"

#include "AnnotationLog.h"
#include "DataSourceValidation.h"
#include "JsonV1Parser.h"
#include "LatencyRecorder.h"
#include "LineProtocolParser.h"
#include "TimeSeriesStore.h"
#include "WebSocketClient.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace perfdash {

namespace {
    qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

    bool looksLikeJson(const QByteArray& message)
    {
        for (const char c : message) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                continue;
            return c == '{';
        }
        return false;
    }

    QString formatByteSize(qint64 bytes)
    {
        if (bytes % (1024 * 1024) == 0)
            return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
        if (bytes % 1024 == 0)
            return QStringLiteral("%1 KiB").arg(bytes / 1024);
        return QStringLiteral("%1 bytes").arg(bytes);
    }

    // The first few reasons are enough to act on; the count says how many there were.
    QString summarize(const QStringList& errors)
    {
        constexpr int shown = 3;
        QString text = errors.mid(0, shown).join(QStringLiteral("; "));
        if (errors.size() > shown)
            text += QStringLiteral(" (+%1 more)").arg(errors.size() - shown);
        return text;
    }

    // Marked as the stream's whatever the parser said, so a stream can never pass itself off as a user note
    // (only those are saved with the dashboard).
    void addStreamAnnotations(AnnotationLog& log, QList<Annotation> annotations)
    {
        for (Annotation& annotation : annotations)
            annotation.origin = Annotation::Origin::Stream;
        log.add(annotations);
    }
}

StreamSource::StreamSource(QUrl url, TimeSeriesStore& store, StreamSourceOptions options, QObject* parent)
    : DataSource(parent)
    , m_url(std::move(url))
    , m_store(store)
    , m_options(options)
    , m_backoff(options.backoff)
    , m_reconnectTimer(this) // children, so moveToThread() takes them along
    , m_keepaliveTimer(this)
{
    m_status.endpoint = m_url.toDisplayString(QUrl::RemoveUserInfo);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] { connectOnce(); });
    connect(&m_keepaliveTimer, &QTimer::timeout, this, &StreamSource::sendKeepalivePing);
}

StreamSource::~StreamSource() { stop(); }

IngestCounters StreamSource::counters() const
{
    QMutexLocker lock(&m_sharedMutex);
    return m_counters;
}

ConnectionStatus StreamSource::status() const
{
    QMutexLocker lock(&m_sharedMutex);
    ConnectionStatus status = m_status;
    if (status.state == ConnectionState::Reconnecting)
        status.retryInMs = int(std::max<qint64>(0, m_retryDeadlineMs - nowMs()));
    return status;
}

void StreamSource::setStatus(ConnectionState state, const QString& detail, int retryInMs)
{
    ConnectionStatus snapshot;
    {
        QMutexLocker lock(&m_sharedMutex);
        m_status.state = state;
        m_status.detail = detail;
        m_status.retryInMs = retryInMs;
        m_status.attempt = m_backoff.retries();
        m_retryDeadlineMs = nowMs() + retryInMs;
        snapshot = m_status;
    }
    Q_EMIT statusChanged(snapshot);
}

void StreamSource::start()
{
    if (m_running)
        return;
    if (const QString problem = urlProblem(DataSourceKind::Stream, m_url,
            m_url.toDisplayString(QUrl::RemoveUserInfo), UrlPlaceholders::Refused);
        !problem.isEmpty()) {
        setStatus(ConnectionState::Failed, problem);
        return;
    }
    m_running = true;
    m_backoff.reset();
    connectOnce();
}

void StreamSource::stop()
{
    m_running = false;
    m_liveSinceMs = 0;
    m_reconnectTimer.stop();
    m_keepaliveTimer.stop();
    resetSocket();
    m_queue.clear();
    m_queuedBytes = 0;
    setStatus(ConnectionState::Idle);
}

void StreamSource::resetSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void StreamSource::connectOnce()
{
    resetSocket();
    m_socket = new WebSocketClient(m_options.maxMessageBytes, this);
    connect(m_socket, &WebSocketClient::messageReceived, this, &StreamSource::onMessage);
    connect(m_socket, &WebSocketClient::disconnected, this, &StreamSource::onDisconnected);
    connect(m_socket, &WebSocketClient::pong, this, [this] { m_lastPongMs = nowMs(); });
    setStatus(ConnectionState::Connecting);

    // The outcome of the opening is handed over on the next event-loop pass, addressed to this source, so
    // a restart that deletes the socket meanwhile finds nothing to resume.
    WebSocketClient* const socket = m_socket;
    auto* deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    const auto finish = [this, socket = QPointer<WebSocketClient>(socket), deadline,
                            done = std::make_shared<bool>(false)](bool opened) {
        if (std::exchange(*done, true))
            return;
        deadline->stop();
        QTimer::singleShot(0, this, [this, socket, opened] {
            if (socket)
                onOpenFinished(socket, opened);
        });
    };
    connect(socket, &WebSocketClient::connected, this, [finish] { finish(true); });
    connect(socket, &WebSocketClient::failed, this, [finish] { finish(false); });
    connect(deadline, &QTimer::timeout, this, [finish] { finish(false); });
    deadline->start(m_options.connectTimeout);
    socket->open(m_url);
}

void StreamSource::onOpenFinished(WebSocketClient* socket, bool opened)
{
    if (socket != m_socket || !m_running)
        return; // stopped or superseded while connecting
    if (!opened) {
        const QString reason = socket->errorString().isEmpty()
            ? QStringLiteral("no answer within %1 s").arg(m_options.connectTimeout.count() / 1000.0)
            : socket->errorString();
        resetSocket();
        scheduleReconnect(reason);
        return;
    }
    if (!socket->isOpen()) {
        // It ended in the same pass as the handshake (a close frame, a bad frame or a FIN right behind
        // the 101): say why now, rather than show it live until the keepalive gives up.
        const QString reason = endReason();
        resetSocket();
        scheduleReconnect(reason);
        return;
    }
    m_liveSinceMs = nowMs();
    m_lastPongMs = m_liveSinceMs;
    m_keepaliveTimer.start(m_options.keepaliveInterval);
    setStatus(ConnectionState::Live);
}

QString StreamSource::endReason() const
{
    if (m_socket->closeCode() == WebSocketClient::CloseTooBig) {
        // Say which limit, so the user knows what to raise or to fix at the sender.
        return QStringLiteral("a message exceeded the %1 limit (close code 1009)")
            .arg(formatByteSize(m_options.maxMessageBytes));
    }
    if (!m_socket->closeReason().isEmpty()) {
        if (m_socket->closeCode() == WebSocketClient::CloseProtocolError
            || m_socket->closeCode() == WebSocketClient::CloseInvalidData)
            return QStringLiteral("protocol error: %1 (close code %2)")
                .arg(m_socket->closeReason())
                .arg(m_socket->closeCode());
        return m_socket->closeReason();
    }
    if (!m_socket->errorString().isEmpty())
        return m_socket->errorString();
    return QStringLiteral("closed by server (code %1)").arg(m_socket->closeCode());
}

void StreamSource::onDisconnected()
{
    if (!m_running || !m_socket)
        return;
    // Only a live connection is handled here; a failed open is handled where it was awaited.
    if (status().state != ConnectionState::Live)
        return;
    m_keepaliveTimer.stop();
    const QString reason = endReason();
    resetSocket();
    scheduleReconnect(reason);
}

void StreamSource::sendKeepalivePing()
{
    if (!m_socket)
        return;
    const qint64 silence = nowMs() - m_lastPongMs;
    if (silence > 2 * m_options.keepaliveInterval.count()) {
        m_keepaliveTimer.stop();
        resetSocket();
        scheduleReconnect(QStringLiteral("no pong for %1 s").arg(silence / 1000));
        return;
    }
    m_socket->ping();
}

void StreamSource::scheduleReconnect(const QString& reason)
{
    if (!m_running)
        return;
    {
        QMutexLocker lock(&m_sharedMutex);
        if (!reason.isEmpty())
            m_counters.lastError = reason;
    }
    if (m_liveSinceMs != 0 && nowMs() - m_liveSinceMs >= m_options.healthyAfter.count())
        m_backoff.reset(); // it was healthy: this is a new trouble, start from the shortest delay
    m_liveSinceMs = 0;
    const auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(m_backoff.nextDelay());
    setStatus(ConnectionState::Reconnecting, reason, int(delay.count()));
    m_reconnectTimer.start(delay);
}

void StreamSource::onMessage(const QByteArray& message)
{
    {
        QMutexLocker lock(&m_sharedMutex);
        ++m_counters.messagesReceived;
        // Newest data matters most on a live dashboard: drop the oldest, and count them.
        while (!m_queue.empty()
            && (m_queue.size() >= m_options.maxQueuedMessages
                || m_queuedBytes + message.size() > m_options.maxQueuedBytes)) {
            m_queuedBytes -= m_queue.front().bytes.size();
            m_queue.pop_front();
            ++m_counters.droppedMessages;
        }
    }
    m_queuedBytes += message.size();
    m_queue.push_back({ message, nowMs() });
    if (!m_drainScheduled) {
        m_drainScheduled = true;
        // Coalesces every message that arrived in this pass of the event loop into one drain.
        QMetaObject::invokeMethod(this, &StreamSource::drainQueue, Qt::QueuedConnection);
    }
}

void StreamSource::drainQueue()
{
    m_drainScheduled = false;
    while (!m_queue.empty()) {
        const Pending pending = std::move(m_queue.front());
        m_queue.pop_front();
        m_queuedBytes -= pending.bytes.size();
        const ParseResult parsed = looksLikeJson(pending.bytes)
            ? JsonV1Parser::parse(pending.bytes)
            : LineProtocolParser::parse(pending.bytes, pending.receivedAtMs);
        const AppendResult appended = m_store.append(parsed.samples);
        if (m_latency)
            m_latency->recordStored(pending.receivedAtMs, appended.stored);
        if (m_annotations && !parsed.annotations.isEmpty())
            addStreamAnnotations(*m_annotations, parsed.annotations);
        QString malformedReason;
        {
            QMutexLocker lock(&m_sharedMutex);
            m_counters.samplesParsed += parsed.samples.size();
            m_counters.samplesStored += appended.stored;
            m_counters.rejectedSamples += appended.rejectedOutOfOrder + appended.rejectedDuplicate + appended.rejectedSeriesLimit;
            if (parsed.malformed()) {
                ++m_counters.malformedMessages;
                m_counters.parseErrors += parsed.errors.size();
                malformedReason = summarize(parsed.errors);
                m_counters.lastError = malformedReason;
            }
        }
        if (!malformedReason.isEmpty())
            Q_EMIT errorOccurred(malformedReason);
    }
}

} // namespace perfdash
