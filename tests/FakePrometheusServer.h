#pragma once

#include <QDateTime>
#include <QTcpServer>
#include <QTcpSocket>

// For tests: a minimal Prometheus HTTP API on loopback. Every query_range answers one series "/a" (endpoint
// label) with two points, 30 s and 15 s ago (1.5 and 1.25); every instant query answers 1.25; a query with an
// unclosed range, "rate(up[", is refused as Prometheus refuses it (400, bad_data). One request per
// connection. Autocomplete lists: metrics cache_requests_total, http_request_duration_seconds_bucket and
// http_requests_total; labels __name__, endpoint, le; endpoint values /a, /b. Lives on whatever thread it was
// created or moved to.
class FakePrometheusServer : public QTcpServer {
public:
    FakePrometheusServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    const QByteArray request = socket->peek(socket->bytesAvailable());
                    if (!request.contains("\r\n\r\n"))
                        return;
                    const qint64 now = QDateTime::currentSecsSinceEpoch();
                    const QByteArray requestLine = request.left(request.indexOf("\r\n"));
                    if (requestLine.contains("rate%28up%5B") || requestLine.contains("rate(up%5B")) {
                        const QByteArray error = R"({"status":"error","errorType":"bad_data","error":"1:9: parse error: )"
                                                 R"(unexpected end of input in duration"})";
                        socket->write("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: "
                                      "close\r\nContent-Length: "
                            + QByteArray::number(error.size()) + "\r\n\r\n" + error);
                        socket->disconnectFromHost();
                        return;
                    }
                    const QByteArray body = request.contains("/api/v1/label/__name__/values")
                        ? QByteArray(R"({"status":"success","data":["cache_requests_total",)"
                                     R"("http_request_duration_seconds_bucket","http_requests_total"]})")
                        : request.contains("/api/v1/labels")
                        ? QByteArray(R"({"status":"success","data":["__name__","endpoint","le"]})")
                        : request.contains("/api/v1/label/endpoint/values")
                        ? QByteArray(R"({"status":"success","data":["/a","/b"]})")
                        : request.contains("/api/v1/query_range")
                        ? QByteArray(
                              R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"endpoint":"/a"},"values":[[)")
                            + QByteArray::number(now - 30) + R"(,"1.5"],[)" + QByteArray::number(now - 15)
                            + R"(,"1.25"]]}]}})"
                        : QByteArray(
                              R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"endpoint":"/a"},"value":[)")
                            + QByteArray::number(now) + R"(,"1.25"]}]}})";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                  "Content-Length: "
                        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};
