#include "RawWebSocketServer.h"

#include <QCryptographicHash>
#include <QTcpSocket>

RawWebSocketServer::RawWebSocketServer(AfterUpgrade afterUpgrade, HandshakeAnswer handshakeAnswer)
    : m_afterUpgrade(std::move(afterUpgrade))
    , m_handshakeAnswer(std::move(handshakeAnswer))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onReadyRead(socket); });
        }
    });
}

QByteArray RawWebSocketServer::frame(quint8 opcode, const QByteArray& payload, bool final, quint8 reserved, bool masked)
{
    QByteArray out;
    out += char((final ? 0x80 : 0x00) | (reserved << 4) | opcode);
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        out += char(maskBit | char(payload.size()));
    } else {
        out += char(maskBit | 126);
        out += char(payload.size() >> 8);
        out += char(payload.size() & 0xff);
    }
    if (!masked)
        return out + payload;
    const QByteArray mask("\x01\x02\x03\x04", 4);
    out += mask;
    for (qsizetype i = 0; i < payload.size(); ++i)
        out += char(payload[i] ^ mask[i % 4]);
    return out;
}

void RawWebSocketServer::onReadyRead(QTcpSocket* socket)
{
    if (socket->property("upgraded").toBool()) {
        m_received += socket->readAll();
        parseClientFrames();
        return;
    }
    const QByteArray request = socket->peek(64 * 1024);
    if (!request.contains("\r\n\r\n"))
        return;
    socket->read(request.indexOf("\r\n\r\n") + 4);
    QByteArray key;
    for (const QByteArray& line : request.split('\n')) {
        if (line.toLower().startsWith("sec-websocket-key:"))
            key = line.mid(qsizetype(qstrlen("sec-websocket-key:"))).trimmed();
    }
    const QByteArray accept
        = QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1).toBase64();
    socket->write(m_handshakeAnswer ? m_handshakeAnswer(accept)
                                    : "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                      "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                + accept + "\r\n\r\n");
    socket->setProperty("upgraded", true);
    if (m_afterUpgrade)
        m_afterUpgrade(socket);
}

void RawWebSocketServer::parseClientFrames()
{
    while (m_received.size() >= 6) {
        const quint8 opcode = quint8(m_received[0]) & 0x0F;
        const qsizetype length = quint8(m_received[1]) & 0x7F;
        if (length > 125 || m_received.size() < 6 + length)
            return;
        const QByteArray mask = m_received.mid(2, 4);
        QByteArray payload = m_received.mid(6, length);
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload[i] ^ mask[i % 4]);
        m_clientFrames.append({ opcode, payload });
        m_received.remove(0, 6 + length);
    }
}
