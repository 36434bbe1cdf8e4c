#include "WebSocketClient.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtEndian>
#include <algorithm>

namespace perfdash {

namespace {
    // RFC 6455 section 1.3: what the server appends to our key before hashing it into its accept value.
    constexpr char handshakeGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    constexpr qint64 maxControlPayload = 125;

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
    , m_maxMessageBytes(maxMessageBytes)
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
    m_header.clear();
    m_payloadLeft = 0;
    m_inMessage = false;
    m_message = QByteArray();

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
    m_message = QByteArray();
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
        if (status.value(0).left(5) != "HTTP/" || status.value(1) != "101") {
            failOpen(QStringLiteral("the server answered \"%1\" instead of switching to WebSocket")
                         .arg(quoted(lines.value(0))));
            return false;
        }
        QByteArray upgrade;
        QByteArray connection;
        QByteArray accept;
        QByteArray extensions;
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
        }
        const QByteArray expected
            = QCryptographicHash::hash(m_key + handshakeGuid, QCryptographicHash::Sha1).toBase64();
        QString problem;
        if (upgrade != "websocket")
            problem = QStringLiteral("its Upgrade header is \"%1\", not websocket").arg(quoted(upgrade));
        else if (!connection.contains("upgrade"))
            problem = QStringLiteral("its Connection header does not say upgrade");
        else if (accept != expected)
            problem = QStringLiteral("its Sec-WebSocket-Accept does not match our key");
        else if (!extensions.isEmpty())
            problem = QStringLiteral("it chose an extension we did not offer (%1)").arg(quoted(extensions));
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

bool WebSocketClient::readFrames()
{
    while (m_state == State::Open && m_socket) {
        if (m_payloadLeft == 0) {
            // The header: 2 bytes, then 0, 2 or 8 of length, then 4 of mask when masked.
            qsizetype needed = 2;
            while (true) {
                if (m_header.size() >= 2) {
                    const quint8 lengthCode = quint8(m_header[1]) & 0x7F;
                    needed = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + ((m_header[1] & 0x80) ? 4 : 0);
                }
                if (m_header.size() >= needed)
                    break;
                char byte = 0;
                if (m_socket->read(&byte, 1) != 1)
                    return true; // the rest of the header is still on its way
                m_header += byte;
            }
            if (!startFrame())
                return false;
            if (m_payloadLeft == 0) {
                finishFrame();
                continue;
            }
        }
        const qint64 available = m_socket->bytesAvailable();
        if (available <= 0)
            return true;
        const bool control = (m_opcode & 0x8) != 0;
        QByteArray& target = control ? m_control : m_message;
        const qsizetype before = target.size();
        const qint64 wanted = std::min(available, m_payloadLeft);
        target.resize(before + qsizetype(wanted)); // within the capacity reserved in startFrame()
        const qint64 got = m_socket->read(target.data() + before, wanted);
        target.resize(before + qsizetype(std::max<qint64>(got, 0)));
        if (got <= 0)
            return true;
        m_payloadLeft -= got;
        if (m_payloadLeft == 0)
            finishFrame();
    }
    return false;
}

bool WebSocketClient::startFrame()
{
    const quint8 first = quint8(m_header[0]);
    const quint8 second = quint8(m_header[1]);
    const quint8 lengthCode = second & 0x7F;
    quint64 length = lengthCode;
    if (lengthCode == 126)
        length = qFromBigEndian<quint16>(m_header.constData() + 2);
    else if (lengthCode == 127)
        length = qFromBigEndian<quint64>(m_header.constData() + 2);
    m_header.clear();
    m_final = (first & 0x80) != 0;
    const quint8 opcode = first & 0x0F;
    if (first & 0x70) {
        closeWith(CloseProtocolError, QStringLiteral("the server set reserved frame bits (no extension was agreed)"));
        return false;
    }
    if (second & 0x80) {
        closeWith(CloseProtocolError, QStringLiteral("the server masked a frame (servers must not)"));
        return false;
    }
    if (length >> 63) {
        closeWith(CloseProtocolError, QStringLiteral("a frame length with the top bit set"));
        return false;
    }
    if (opcode & 0x8) {
        if (opcode != Close && opcode != Ping && opcode != Pong) {
            closeWith(CloseProtocolError, QStringLiteral("unknown control opcode 0x%1").arg(opcode, 0, 16));
            return false;
        }
        if (!m_final || length > quint64(maxControlPayload)) {
            closeWith(CloseProtocolError,
                QStringLiteral("a control frame that is fragmented or over %1 bytes").arg(maxControlPayload));
            return false;
        }
        m_opcode = Opcode(opcode);
        m_control.clear();
        m_control.reserve(qsizetype(length));
        m_payloadLeft = qint64(length);
        return true;
    }
    if (opcode != Continuation && opcode != Text && opcode != Binary) {
        closeWith(CloseProtocolError, QStringLiteral("unknown data opcode 0x%1").arg(opcode, 0, 16));
        return false;
    }
    if (opcode == Continuation && !m_inMessage) {
        closeWith(CloseProtocolError, QStringLiteral("a continuation frame with no message to continue"));
        return false;
    }
    if (opcode != Continuation && m_inMessage) {
        closeWith(CloseProtocolError, QStringLiteral("a new message before the last frame of the previous one"));
        return false;
    }
    // Refused on the header: nothing of a message over the limit is read.
    const quint64 total = quint64(m_inMessage ? m_message.size() : 0) + length;
    if (total > quint64(m_maxMessageBytes)) {
        closeWith(CloseTooBig, QStringLiteral("a message exceeded the %1-byte limit").arg(m_maxMessageBytes));
        return false;
    }
    if (!m_inMessage) {
        m_inMessage = true;
        m_messageOpcode = Opcode(opcode);
        m_message = QByteArray();
        // A lone frame needs its own length. A fragmented message may grow to the limit: reserving that once
        // costs address space, not memory (pages count when written), and spares a copy at every growth.
        // Past 64 MiB (a limit raised that far) it grows by copying instead of reserving more.
        const quint64 fragmentedReserve = std::min(quint64(m_maxMessageBytes), quint64(64) << 20);
        m_message.reserve(qsizetype(m_final ? length : fragmentedReserve));
    }
    m_opcode = Opcode(opcode);
    m_payloadLeft = qint64(length);
    return true;
}

void WebSocketClient::finishFrame()
{
    if (m_opcode & 0x8) {
        handleControlFrame();
        return;
    }
    if (!m_final)
        return;
    m_inMessage = false;
    QByteArray message = std::exchange(m_message, QByteArray());
    if (message.capacity() > message.size() + 4096)
        message.squeeze(); // give back the limit reserved for a fragmented message
    if (m_messageOpcode == Text && !message.isValidUtf8()) {
        closeWith(CloseInvalidData, QStringLiteral("a text message that is not valid UTF-8"));
        return;
    }
    Q_EMIT messageReceived(message);
}

void WebSocketClient::handleControlFrame()
{
    switch (m_opcode) {
    case Ping:
        sendFrame(Pong, m_control);
        break;
    case Pong:
        Q_EMIT pong();
        break;
    case Close: {
        if (m_control.size() == 1) {
            closeWith(CloseProtocolError, QStringLiteral("a close frame with a 1-byte payload"));
            return;
        }
        const QByteArray reason = m_control.mid(2);
        m_closeCode = m_control.isEmpty() ? int(CloseNoStatus) : int(qFromBigEndian<quint16>(m_control.constData()));
        m_closeReason = reason.isValidUtf8() ? QString::fromUtf8(reason) : QString();
        if (!m_closeSent) {
            // Echo the code, as the closing handshake asks.
            sendFrame(Close, m_control.left(2));
            m_closeSent = true;
        }
        m_state = State::Closing;
        m_socket->disconnectFromHost();
        break;
    }
    default:
        break;
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
    m_inMessage = false;
    m_message = QByteArray(); // its memory goes now, not when the server has answered
    m_payloadLeft = 0;
    if (!m_socket)
        return;
    if (!m_closeSent) {
        QByteArray payload(2, Qt::Uninitialized);
        qToBigEndian<quint16>(quint16(code), payload.data());
        sendFrame(Close, payload + reason.toUtf8().left(maxControlPayload - 2));
        m_closeSent = true;
    }
    m_state = State::Closing;
    m_socket->disconnectFromHost();
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
    m_message = QByteArray();
    Q_EMIT disconnected();
}

} // namespace perfdash
