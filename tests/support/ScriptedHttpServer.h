#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;

// An HTTP/1.1 server on 127.0.0.1 whose answers the test scripts: one request per connection (TLS when given a
// configuration), every request it read kept. It can be closed and listen again on the same port, as a server
// that went away and came back.
class ScriptedHttpServer : public QObject {
public:
    struct Request {
        QByteArray method;
        QByteArray target; // path and query
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    struct Response {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        bool stall = false; // accept the request and never answer
    };
    using Handler = std::function<Response(const Request&)>;

    // Listens on port 0 (any free one) right away unless told not to.
    explicit ScriptedHttpServer(Handler handler, std::optional<QSslConfiguration> tls = std::nullopt);
    ~ScriptedHttpServer() override;

    bool listen(quint16 port = 0);
    // Stops listening, so the next connection is refused; connections already open are served.
    void close();
    bool isListening() const;

    quint16 port() const;
    QUrl url() const;
    QString hostPort() const;
    const QList<Request>& requests() const { return m_requests; }

private:
    void serve(QTcpSocket* socket);

    Handler m_handler;
    std::optional<QSslConfiguration> m_tls;
    QTcpServer* m_server = nullptr;
    quint16 m_port = 0;
    QList<Request> m_requests;
};
