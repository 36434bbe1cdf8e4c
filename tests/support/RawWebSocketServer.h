#pragma once

#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <functional>

// A WebSocket server written by hand on a QTcpServer, so a test can send the bytes any server, broken or
// hostile, might send. It answers the handshake (or with handshakeAnswer(accept) when given), then hands the raw
// socket to afterUpgrade. By default it then goes silent: never answers a ping, never sends a close frame, as a
// half-open TCP connection (a dead NAT entry, an unplugged peer) looks to the client. What the client sends
// after the upgrade is kept, unmasked, in clientFrames(). QWebSocketServer cannot do any of that.
class RawWebSocketServer : public QObject {
public:
    using AfterUpgrade = std::function<void(QTcpSocket*)>;
    using HandshakeAnswer = std::function<QByteArray(const QByteArray& accept)>;

    struct ClientFrame {
        quint8 opcode;
        QByteArray payload;
    };

    explicit RawWebSocketServer(AfterUpgrade afterUpgrade = {}, HandshakeAnswer handshakeAnswer = {});

    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server.serverPort())); }
    const QList<ClientFrame>& clientFrames() const { return m_clientFrames; }

    // A server-to-client frame with a short payload (at most 65535 bytes): unmasked unless masked is set.
    static QByteArray frame(
        quint8 opcode, const QByteArray& payload, bool final = true, quint8 reserved = 0, bool masked = false);

private:
    void onReadyRead(QTcpSocket* socket);
    // Client frames are short here (control frames), always masked.
    void parseClientFrames();

    QTcpServer m_server;
    AfterUpgrade m_afterUpgrade;
    HandshakeAnswer m_handshakeAnswer;
    QByteArray m_received;
    QList<ClientFrame> m_clientFrames;
};
