#include "WebSocketLoopbackServer.h"

#include <QWebSocket>

WebSocketLoopbackServer::WebSocketLoopbackServer(quint16 port)
    : m_server(QStringLiteral("test"), QWebSocketServer::NonSecureMode)
{
    listen(port);
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket* client = m_server.nextPendingConnection()) {
            client->setParent(this);
            m_clients << client;
        }
    });
}

WebSocketLoopbackServer::~WebSocketLoopbackServer() { m_server.close(); }

bool WebSocketLoopbackServer::listen(quint16 port) { return m_server.listen(QHostAddress::LocalHost, port); }

void WebSocketLoopbackServer::shutDown()
{
    for (QWebSocket* client : std::as_const(m_clients)) {
        client->abort();
        client->deleteLater();
    }
    m_clients.clear();
    m_server.close();
}

QUrl WebSocketLoopbackServer::url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port())); }

void WebSocketLoopbackServer::sendText(const QByteArray& message)
{
    for (QWebSocket* client : std::as_const(m_clients))
        client->sendTextMessage(QString::fromUtf8(message));
}

void WebSocketLoopbackServer::sendBinary(const QByteArray& message)
{
    for (QWebSocket* client : std::as_const(m_clients))
        client->sendBinaryMessage(message);
}
