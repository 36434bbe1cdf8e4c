#include "ScriptedHttpServer.h"

#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <memory>

ScriptedHttpServer::ScriptedHttpServer(Handler handler, std::optional<QSslConfiguration> tls)
    : m_handler(std::move(handler))
    , m_tls(std::move(tls))
{
    listen(0);
}

ScriptedHttpServer::~ScriptedHttpServer() = default;

bool ScriptedHttpServer::listen(quint16 port)
{
    close();
    if (m_tls) {
        auto* server = new QSslServer(this);
        server->setSslConfiguration(*m_tls);
        server->setHandshakeTimeout(5000);
        m_server = server;
    } else {
        m_server = new QTcpServer(this);
    }
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this, server = m_server] {
        while (QTcpSocket* socket = server->nextPendingConnection())
            serve(socket);
    });
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

void ScriptedHttpServer::close()
{
    // Sockets it accepted are parented to this, not to the listening server, so they outlive it.
    delete m_server;
    m_server = nullptr;
}

bool ScriptedHttpServer::isListening() const { return m_server && m_server->isListening(); }

quint16 ScriptedHttpServer::port() const { return m_port; }

QUrl ScriptedHttpServer::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(m_tls ? u"https" : u"http").arg(m_port));
}

QString ScriptedHttpServer::hostPort() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }

void ScriptedHttpServer::serve(QTcpSocket* socket)
{
    socket->setParent(this);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
        *buffer += socket->readAll();
        const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        Request request;
        const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer->size() < headerEnd + 4 + length)
            return;
        request.body = buffer->mid(headerEnd + 4, length);
        buffer->clear();
        m_requests << request;
        const Response response = m_handler(request);
        if (response.stall)
            return;
        QByteArray reply = "HTTP/1.1 " + QByteArray::number(response.status) + " Whatever\r\n";
        reply += "Content-Type: " + response.contentType + "\r\n";
        reply += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        reply += "Connection: close\r\n\r\n" + response.body;
        socket->write(reply);
        socket->disconnectFromHost();
    });
}
