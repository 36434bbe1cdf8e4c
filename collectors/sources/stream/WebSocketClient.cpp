#include "WebSocketClient.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QtEndian>
#include <algorithm>

namespace perfdash {

namespace {
    // RFC 6455 section 1.3: what the server appends to our key before hashing it into its accept value.
    constexpr char handshakeGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    constexpr qsizetype maxControlPayload = 125;

    QByteArray randomBytes(int count)
    {
        QByteArray bytes(count, Qt::Uninitialized);
        for (char& byte : bytes)
            byte = char(QRandomGenerator::system()->bounded(256));
        return bytes;
    }

    QString quoted(const QByteArray& line) { return QString::fromLatin1(line.left(120)).trimmed(); }
}

WebSocketClient::WebSocketClient(qint64 maxMessageBytes, QObject* parent)
    : QObject(parent)
    , m_reader(maxMessageBytes)
{
}

WebSocketClient::~WebSocketClient() { abort(); }

void WebSocketClient::open(const QUrl& url)
{
    abort();
    m_url = url;
    m_state = State::Connecting;
    m_closeCode = CloseNone;
    m_closeReason.clear();
    m_error.clear();
    m_closeSent = false;
    m_handshake.clear();
    m_reader.reset();

    const bool tls = url.scheme() == u"wss";
    QSslSocket* tlsSocket = tls ? new QSslSocket(this) : nullptr;
    m_socket = tls ? tlsSocket : new QTcpSocket(this);
    // Qt reads no more than this ahead of us; the payload goes from it straight into the message.
    m_socket->setReadBufferSize(socketReadBufferBytes);
    connect(m_socket, &QTcpSocket::readyRead, this, &WebSocketClient::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &WebSocketClient::onSocketDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_state == State::Connecting || m_state == State::Handshaking)
            failOpen(m_error.isEmpty() ? m_socket->errorString() : m_error);
        else if (m_error.isEmpty())
            m_error = m_socket->errorString();
    });
    if (tlsSocket) {
        connect(tlsSocket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            QStringList reasons;
            for (const QSslError& error : errors)
                reasons << error.errorString();
            m_error = QStringLiteral("TLS: ") + reasons.join(QStringLiteral("; "));
        });
        connect(tlsSocket, &QSslSocket::encrypted, this, &WebSocketClient::sendHandshake);
        tlsSocket->connectToHostEncrypted(url.host(), quint16(url.port(443)));
    } else {
        connect(m_socket, &QTcpSocket::connected, this, &WebSocketClient::sendHandshake);
        m_socket->connectToHost(url.host(), quint16(url.port(80)));
    }
}

void WebSocketClient::abort()
{
    m_state = State::Closed;
    m_reader.reset();
    if (!m_socket)
        return;
    QTcpSocket* socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void WebSocketClient::sendHandshake()
{
    m_state = State::Handshaking;
    m_key = randomBytes(16).toBase64();
    QByteArray target = m_url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (m_url.hasQuery())
        target += '?' + m_url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = m_url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (m_url.port() != -1)
        host += ':' + QByteArray::number(m_url.port());
    m_socket->write("GET " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key
        + "\r\nSec-WebSocket-Version: 13\r\nUser-Agent: perfdash\r\n\r\n");
}

void WebSocketClient::onReadyRead()
{
    if (m_state == State::Handshaking && !readHandshake())
        return;
    if (m_state == State::Open)
        readFrames();
    else if (m_state == State::Closing && m_socket)
        m_socket->readAll(); // after our close frame nothing the server sends matters
}

bool WebSocketClient::readHandshake()
{
    // Line by line, so the bytes after the blank line (the first frames) stay in the socket.
    while (m_socket->canReadLine()) {
        const QByteArray line = m_socket->readLine(maxHandshakeBytes);
        m_handshake += line;
        if (m_handshake.size() > maxHandshakeBytes) {
            failOpen(QStringLiteral("the server's handshake answer is over %1 KiB").arg(maxHandshakeBytes / 1024));
            return false;
        }
        if (line != "\r\n" && line != "\n")
            continue;
        const QList<QByteArray> lines = m_handshake.trimmed().split('\n');
        const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
        if (status.value(0) != "HTTP/1.1" || status.value(1) != "101") {
            failOpen(QStringLiteral("the server answered \"%1\" instead of switching to WebSocket")
                         .arg(quoted(lines.value(0))));
            return false;
        }
        QByteArray upgrade;
        QByteArray connection;
        QByteArray accept;
        QByteArray extensions;
        QByteArray subprotocol;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            if (name == "upgrade")
                upgrade = value.toLower();
            else if (name == "connection")
                connection = value.toLower();
            else if (name == "sec-websocket-accept")
                accept = value;
            else if (name == "sec-websocket-extensions")
                extensions = value;
            else if (name == "sec-websocket-protocol")
                subprotocol = value;
        }
        // Connection is a token list ("keep-alive, Upgrade"): one token must be upgrade, not a word containing it.
        bool connectionUpgrade = false;
        for (const QByteArray& token : connection.split(','))
            connectionUpgrade = connectionUpgrade || token.trimmed() == "upgrade";
        const QByteArray expected
            = QCryptographicHash::hash(m_key + handshakeGuid, QCryptographicHash::Sha1).toBase64();
        QString problem;
        if (upgrade != "websocket")
            problem = QStringLiteral("its Upgrade header is \"%1\", not websocket").arg(quoted(upgrade));
        else if (!connectionUpgrade)
            problem = QStringLiteral("its Connection header does not say upgrade");
        else if (accept != expected)
            problem = QStringLiteral("its Sec-WebSocket-Accept does not match our key");
        else if (!extensions.isEmpty())
            problem = QStringLiteral("it chose an extension we did not offer (%1)").arg(quoted(extensions));
        else if (!subprotocol.isEmpty())
            problem = QStringLiteral("it chose a subprotocol we did not offer (%1)").arg(quoted(subprotocol));
        if (!problem.isEmpty()) {
            failOpen(QStringLiteral("not a valid WebSocket handshake: ") + problem);
            return false;
        }
        m_handshake.clear();
        m_state = State::Open;
        Q_EMIT connected();
        return m_state == State::Open;
    }
    if (m_socket->bytesAvailable() >= maxHandshakeBytes)
        failOpen(QStringLiteral("the server's handshake answer is over %1 KiB").arg(maxHandshakeBytes / 1024));
    return false;
}

void WebSocketClient::readFrames()
{
    while (m_state == State::Open && m_socket) {
        WebSocketFrameReader::Event event = m_reader.next(*m_socket);
        using Kind = WebSocketFrameReader::Event::Kind;
        switch (event.kind) {
        case Kind::NeedMoreData:
            return;
        case Kind::Message:
            Q_EMIT messageReceived(event.payload);
            break;
        case Kind::Ping:
            sendFrame(Pong, event.payload);
            break;
        case Kind::Pong:
            Q_EMIT pong();
            break;
        case Kind::Close:
            m_closeCode = event.closeCode;
            m_closeReason = event.reason;
            if (!m_closeSent) {
                sendFrame(Close, event.payload.left(2)); // the closing handshake echoes the code
                m_closeSent = true;
            }
            m_state = State::Closing;
            endClosingSoon();
            return;
        case Kind::ProtocolError:
            closeWith(event.closeCode, event.reason);
            return;
        }
    }
}

void WebSocketClient::sendFrame(Opcode opcode, const QByteArray& payload)
{
    if (!m_socket)
        return;
    const QByteArray body = payload.left(maxControlPayload);
    // Client frames are masked (RFC 6455 section 5.3).
    const QByteArray mask = randomBytes(4);
    QByteArray frame;
    frame.reserve(6 + body.size());
    frame += char(0x80 | opcode);
    frame += char(0x80 | body.size());
    frame += mask;
    for (qsizetype i = 0; i < body.size(); ++i)
        frame += char(body[i] ^ mask[i % 4]);
    m_socket->write(frame);
}

void WebSocketClient::closeWith(int code, const QString& reason)
{
    m_closeCode = code;
    m_closeReason = reason;
    m_reader.reset(); // a message's memory goes now, not when the server has answered
    if (!m_socket)
        return;
    if (!m_closeSent) {
        QByteArray payload(2, Qt::Uninitialized);
        qToBigEndian<quint16>(quint16(code), payload.data());
        sendFrame(Close, payload + reason.toUtf8().left(maxControlPayload - 2));
        m_closeSent = true;
    }
    m_state = State::Closing;
    endClosingSoon();
}

void WebSocketClient::endClosingSoon()
{
    m_socket->disconnectFromHost();
    // A peer that never lets the TCP connection end must not keep us in Closing: disconnected() always comes.
    QTimer::singleShot(closingTimeoutMs, m_socket, [socket = m_socket] { socket->abort(); });
}

void WebSocketClient::ping()
{
    if (m_state == State::Open)
        sendFrame(Ping, QByteArray());
}

void WebSocketClient::failOpen(const QString& reason)
{
    if (m_state != State::Connecting && m_state != State::Handshaking)
        return;
    m_error = reason;
    m_state = State::Closed;
    if (m_socket) {
        QTcpSocket* socket = std::exchange(m_socket, nullptr);
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    Q_EMIT failed();
}

void WebSocketClient::onSocketDisconnected()
{
    if (m_state == State::Connecting || m_state == State::Handshaking) {
        failOpen(m_error.isEmpty() ? QStringLiteral("the server closed the connection during the WebSocket handshake")
                                   : m_error);
        return;
    }
    if (m_state != State::Open && m_state != State::Closing)
        return;
    if (m_closeCode == CloseNone)
        m_closeCode = CloseAbnormal;
    m_state = State::Closed;
    m_reader.reset();
    Q_EMIT disconnected();
}

} // namespace perfdash
