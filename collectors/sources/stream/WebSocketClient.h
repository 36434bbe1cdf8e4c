#pragma once

#include "WebSocketFrameReader.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QTcpSocket;

namespace perfdash {

// The client side of RFC 6455, as much as a metrics stream needs: the opening handshake over TCP or TLS,
// text and binary messages (fragmented or not), ping/pong and the closing handshake. No extensions, no
// proxies. The frames are read by WebSocketFrameReader.
//
// Why not QWebSocket: Qt 6.4 buffers a frame whole before checking the message's total against its limit,
// grows a fragmented message by copying it at every power-of-two step, and holds text as UTF-16. A message
// over a 16 MiB limit cost 32–47 MiB before it was refused. Here the socket's own buffer is bounded and the
// reader takes payload from it straight into a message reserved once, refusing a frame over the limit from
// its header.
class WebSocketClient : public QObject {
    Q_OBJECT
public:
    // Close codes this client sends or reports (RFC 6455 section 7.4.1).
    enum CloseCode : int {
        CloseNone = 0,
        CloseNormal = 1000,
        CloseProtocolError = 1002,
        CloseNoStatus = 1005,
        CloseAbnormal = 1006,
        CloseInvalidData = 1007,
        CloseTooBig = 1009,
    };

    explicit WebSocketClient(qint64 maxMessageBytes, QObject* parent = nullptr);
    ~WebSocketClient() override;

    // ws:// or wss:// (TLS with the system's trust store and peer verification). Ends in connected() or
    // failed().
    void open(const QUrl& url);
    void ping();
    // Drops the connection at once, with no closing handshake and no further signal.
    void abort();

    // Why the connection ended: the close code and reason from the server's close frame, or the ones this
    // client closed with (a protocol error, a message over the limit). CloseNone while open.
    int closeCode() const { return m_closeCode; }
    // Handshake done and no close begun: false again as soon as the connection starts to end.
    bool isOpen() const { return m_state == State::Open; }
    QString closeReason() const { return m_closeReason; }
    // Why the opening failed, or the socket error that ended the connection; empty when there is none.
    QString errorString() const { return m_error; }

    static constexpr qint64 socketReadBufferBytes = 256 * 1024;
    static constexpr qsizetype maxHandshakeBytes = 16 * 1024;
    static constexpr int closingTimeoutMs = 2000;

Q_SIGNALS:
    void connected();
    void failed();
    // Once, after connected(), however the connection ended.
    void disconnected();
    // A whole message; a text message arrives as its (validated) UTF-8 bytes.
    void messageReceived(const QByteArray& message);
    void pong();

private:
    enum class State { Idle, Connecting, Handshaking, Open, Closing, Closed };
    enum Opcode : quint8 { Close = 0x8, Ping = 0x9, Pong = 0xA }; // the frames a client sends here

    void sendHandshake();
    void onReadyRead();
    bool readHandshake();
    void readFrames();
    void sendFrame(Opcode opcode, const QByteArray& payload);
    void closeWith(int code, const QString& reason);
    void endClosingSoon();
    void failOpen(const QString& reason);
    void onSocketDisconnected();

    QTcpSocket* m_socket = nullptr; // a QSslSocket for wss://
    State m_state = State::Idle;
    QUrl m_url;
    QByteArray m_key;
    QByteArray m_handshake;
    WebSocketFrameReader m_reader;

    int m_closeCode = CloseNone;
    QString m_closeReason;
    QString m_error;
    bool m_closeSent = false;
};

} // namespace perfdash
