#pragma once

#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocketServer>

class QWebSocket;

// A QWebSocketServer on 127.0.0.1 that keeps the clients it accepted, so a test can message them one by one;
// it can be shut down and listen again on the same port, as a server restarted.
class WebSocketLoopbackServer : public QObject {
public:
    // Listens on port (0: any free one) right away.
    explicit WebSocketLoopbackServer(quint16 port = 0);
    ~WebSocketLoopbackServer() override;

    bool listen(quint16 port);
    // Drops every client without a close handshake and stops listening.
    void shutDown();

    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const;
    int clientCount() const { return int(m_clients.size()); }
    const QList<QWebSocket*>& clients() const { return m_clients; }

    void sendText(const QByteArray& message);
    void sendBinary(const QByteArray& message);

private:
    QWebSocketServer m_server;
    QList<QWebSocket*> m_clients;
};
