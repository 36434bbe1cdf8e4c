#include "HeadlessTestMain.h"
#include "LoopbackPort.h"
#include "RawWebSocketServer.h"
#include "ScriptedHttpServer.h"
#include "TestCertificates.h"
#include "WebSocketClient.h"

#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace perfdash;

namespace {

QByteArray closePayload(quint16 code, const QByteArray& reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian<quint16>(code, payload.data());
    return payload + reason;
}

} // namespace

// The stream's own WebSocket client against a hand-written server: messages however they are framed, and
// every broken or hostile handshake or frame refused with a reason that says what was wrong.
class TestWebSocketClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fragmentedMessagesArriveWholeAndPingsAreAnswered()
    {
        const QByteArray text = QStringLiteral("latency=1.5 ✓ µs").toUtf8();
        RawWebSocketServer server([&text](QTcpSocket* socket) {
            // A text message in three frames (one split inside a multi-byte character), a ping between them.
            socket->write(RawWebSocketServer::frame(0x1, text.left(5), false));
            socket->write(RawWebSocketServer::frame(0x9, "are you there", true));
            socket->write(RawWebSocketServer::frame(0x0, text.mid(5, 9), false));
            socket->write(RawWebSocketServer::frame(0x0, text.mid(14), true));
            socket->write(RawWebSocketServer::frame(0x2, QByteArray(300, '\xff'), true));
            socket->write(RawWebSocketServer::frame(0xA, "", true));
        });
        WebSocketClient client(1024);
        QSignalSpy messages(&client, &WebSocketClient::messageReceived);
        QSignalSpy pongs(&client, &WebSocketClient::pong);
        QSignalSpy connected(&client, &WebSocketClient::connected);
        client.open(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 2, 5000);
        QCOMPARE(connected.size(), 1);
        QCOMPARE(messages.at(0).at(0).toByteArray(), text);
        QCOMPARE(messages.at(1).at(0).toByteArray(), QByteArray(300, '\xff'));
        QTRY_COMPARE_WITH_TIMEOUT(pongs.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(server.clientFrames().size(), 1, 5000);
        QCOMPARE(server.clientFrames().at(0).opcode, quint8(0xA));
        QCOMPARE(server.clientFrames().at(0).payload, QByteArray("are you there"));
        client.ping();
        QTRY_COMPARE_WITH_TIMEOUT(server.clientFrames().size(), 2, 5000);
        QCOMPARE(server.clientFrames().at(1).opcode, quint8(0x9));
    }

    void badHandshakesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("answer"); // "%1" stands for the right accept value
        QTest::addColumn<QString>("error");
        QTest::addRow("404") << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                             << QStringLiteral("the server answered \"HTTP/1.1 404 Not Found\" instead of switching "
                                               "to WebSocket");
        QTest::addRow("wrong accept") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                                    "Connection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n\r\n")
                                      << QStringLiteral("not a valid WebSocket handshake: its Sec-WebSocket-Accept "
                                                        "does not match our key");
        QTest::addRow("no upgrade") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                                                  "Sec-WebSocket-Accept: %1\r\n\r\n")
                                    << QStringLiteral("not a valid WebSocket handshake: its Upgrade header is \"\", "
                                                      "not websocket");
        QTest::addRow("extension") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                                 "Connection: Upgrade\r\nSec-WebSocket-Accept: %1\r\n"
                                                 "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
                                   << QStringLiteral("not a valid WebSocket handshake: it chose an extension we did "
                                                     "not offer (permessage-deflate)");
        QTest::addRow("HTTP/1.0") << QByteArray("HTTP/1.0 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                                "Connection: Upgrade\r\nSec-WebSocket-Accept: %1\r\n\r\n")
                                  << QStringLiteral("the server answered \"HTTP/1.0 101 Switching Protocols\" instead "
                                                    "of switching to WebSocket");
        QTest::addRow("connection is not a token") << QByteArray("HTTP/1.1 101 Switching Protocols\r\n"
                                                                 "Upgrade: websocket\r\nConnection: notupgrade\r\n"
                                                                 "Sec-WebSocket-Accept: %1\r\n\r\n")
                                                   << QStringLiteral("not a valid WebSocket handshake: its Connection "
                                                                     "header does not say upgrade");
        QTest::addRow("subprotocol") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                                   "Connection: Upgrade\r\nSec-WebSocket-Accept: %1\r\n"
                                                   "Sec-WebSocket-Protocol: chat\r\n\r\n")
                                     << QStringLiteral("not a valid WebSocket handshake: it chose a subprotocol we did "
                                                       "not offer (chat)");
        QTest::addRow("endless header") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nX-Filler: ")
                + QByteArray(20 * 1024, 'x')
                                        << QStringLiteral("the server's handshake answer is over 16 KiB");
    }

    void badHandshakesAreNamed()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, error);
        RawWebSocketServer server({}, [answer](const QByteArray& accept) {
            QByteArray filled = answer;
            return filled.replace("%1", accept);
        });
        WebSocketClient client(1024);
        QSignalSpy failed(&client, &WebSocketClient::failed);
        QSignalSpy connected(&client, &WebSocketClient::connected);
        client.open(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QCOMPARE(client.errorString(), error);
        QCOMPARE(connected.size(), 0);
    }

    void headersAreReadAsHttpAllowsThem()
    {
        // Mixed-case names and values, and Connection as a token list: a proxy in between may write either.
        RawWebSocketServer server({}, [](const QByteArray& accept) {
            return "HTTP/1.1 101 Switching Protocols\r\nUPGRADE: WebSocket\r\nconnection: keep-alive, Upgrade\r\n"
                   "sec-websocket-accept: "
                + accept + "\r\n\r\n";
        });
        WebSocketClient client(1024);
        QSignalSpy connected(&client, &WebSocketClient::connected);
        client.open(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, 5000);
        QVERIFY(client.isOpen());
    }

    void brokenFramesCloseWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("frames");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::addRow("masked") << RawWebSocketServer::frame(0x1, "x", true, 0, true) << 1002
                                << QStringLiteral("the server masked a frame (servers must not)");
        QTest::addRow("reserved bits") << RawWebSocketServer::frame(0x1, "x", true,
            0x4) << 1002 << QStringLiteral("the server set reserved frame bits (no extension was agreed)");
        QTest::addRow("lone continuation") << RawWebSocketServer::frame(0x0, "x") << 1002
                                           << QStringLiteral("a continuation frame with no message to continue");
        QTest::addRow("interleaved message")
            << RawWebSocketServer::frame(0x1, "a", false) + RawWebSocketServer::frame(0x1, "b") << 1002
            << QStringLiteral("a new message before the last frame of the previous one");
        QTest::addRow("fragmented ping") << RawWebSocketServer::frame(0x9, "x", false) << 1002
                                         << QStringLiteral("a control frame that is fragmented or over 125 bytes");
        QTest::addRow("long ping") << RawWebSocketServer::frame(0x9, QByteArray(126, 'x')) << 1002
                                   << QStringLiteral("a control frame that is fragmented or over 125 bytes");
        QTest::addRow("unknown opcode") << RawWebSocketServer::frame(0x3, "x") << 1002
                                        << QStringLiteral("unknown data opcode 0x3");
        QTest::addRow("invalid UTF-8") << RawWebSocketServer::frame(0x1, "ok \xC3\x28") << 1007
                                       << QStringLiteral("a text message that is not valid UTF-8");
        QTest::addRow("length top bit") << QByteArray("\x82\x7f\x80\x00\x00\x00\x00\x00\x00\x01", 10) << 1002
                                        << QStringLiteral("a frame length with the top bit set");
        QTest::addRow("1-byte close") << RawWebSocketServer::frame(0x8, "\x03") << 1002
                                      << QStringLiteral("a close frame with a 1-byte payload");
        QTest::addRow("close code 1005 sent") << RawWebSocketServer::frame(0x8, closePayload(1005, "")) << 1002
                                              << QStringLiteral("the server's close code 1005 is not allowed");
        QTest::addRow("close reason not UTF-8") << RawWebSocketServer::frame(0x8, closePayload(1000, "\xC3\x28"))
                                                << 1007 << QStringLiteral("a close reason that is not valid UTF-8");
        QTest::addRow("over the limit") << RawWebSocketServer::frame(0x2, QByteArray(1025, 'x')) << 1009
                                        << QStringLiteral("a message exceeded the 1024-byte limit");
        QTest::addRow("fragments over the limit") << RawWebSocketServer::frame(0x2, QByteArray(600, 'x'), false)
                + RawWebSocketServer::frame(0x0, QByteArray(600, 'x'))
                                                  << 1009 << QStringLiteral("a message exceeded the 1024-byte limit");
    }

    void brokenFramesCloseWithTheReason()
    {
        QFETCH(QByteArray, frames);
        QFETCH(int, code);
        QFETCH(QString, reason);
        RawWebSocketServer server([frames](QTcpSocket* socket) { socket->write(frames); });
        WebSocketClient client(1024);
        QSignalSpy messages(&client, &WebSocketClient::messageReceived);
        QSignalSpy disconnected(&client, &WebSocketClient::disconnected);
        client.open(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
        QCOMPARE(client.closeCode(), code);
        QCOMPARE(client.closeReason(), reason);
        QCOMPARE(messages.size(), 0);
        // The client said why, in its close frame.
        QTRY_VERIFY_WITH_TIMEOUT(!server.clientFrames().isEmpty(), 5000);
        QCOMPARE(server.clientFrames().last().opcode, quint8(0x8));
        QCOMPARE(server.clientFrames().last().payload, closePayload(quint16(code), reason.toUtf8()));
    }

    void aFrameOverTheLimitIsRefusedBeforeItsPayloadArrives()
    {
        // The header announces 1 GiB; none of it is ever sent.
        QByteArray header("\x82\x7f", 2);
        QByteArray length(8, Qt::Uninitialized);
        qToBigEndian<quint64>(quint64(1) << 30, length.data());
        RawWebSocketServer server([header, length](QTcpSocket* socket) { socket->write(header + length); });
        WebSocketClient client(16 * 1024 * 1024);
        QSignalSpy disconnected(&client, &WebSocketClient::disconnected);
        client.open(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
        QCOMPARE(client.closeCode(), int(WebSocketClient::CloseTooBig));
    }

    void theServersCloseFrameGivesCodeAndReason()
    {
        RawWebSocketServer server([](QTcpSocket* socket) {
            socket->write(RawWebSocketServer::frame(0x1, "last words"));
            socket->write(RawWebSocketServer::frame(0x8, closePayload(1001, "going away")));
        });
        WebSocketClient client(1024);
        QSignalSpy messages(&client, &WebSocketClient::messageReceived);
        QSignalSpy disconnected(&client, &WebSocketClient::disconnected);
        client.open(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(client.closeCode(), 1001);
        QCOMPARE(client.closeReason(), QStringLiteral("going away"));
        QTRY_VERIFY_WITH_TIMEOUT(!server.clientFrames().isEmpty(), 5000);
        QCOMPARE(server.clientFrames().last().payload, closePayload(1001, QByteArray())); // the code, echoed
    }

    void aRefusedConnectionFailsWithTheSocketsReason()
    {
        const quint16 port = closedLoopbackPort();
        QVERIFY(port != 0);
        WebSocketClient client(1024);
        QSignalSpy failed(&client, &WebSocketClient::failed);
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QVERIFY2(client.errorString().contains(QStringLiteral("refused"), Qt::CaseInsensitive),
            qPrintable(client.errorString()));
    }

    void wssVerifiesTheServersCertificate()
    {
        // A self-signed certificate no trust store knows: the client must refuse it, and say it was TLS.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(runOpenssl(
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), QStringLiteral("key.pem"), QStringLiteral("-out"),
                QStringLiteral("cert.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                QStringLiteral("subjectAltName=IP:127.0.0.1") },
            dir.path()));
        const QSslConfiguration tls
            = serverTlsConfiguration(dir.filePath(QStringLiteral("key.pem")), dir.filePath(QStringLiteral("cert.pem")));
        QVERIFY(!tls.privateKey().isNull());
        // The handshake is all this test gets to: the client refuses the certificate before any HTTP.
        ScriptedHttpServer server(
            [](const ScriptedHttpServer::Request&) { return ScriptedHttpServer::Response {}; }, tls);
        QVERIFY(server.isListening());
        WebSocketClient client(1024);
        QSignalSpy failed(&client, &WebSocketClient::failed);
        QSignalSpy connected(&client, &WebSocketClient::connected);
        client.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/").arg(server.port())));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY2(client.errorString().startsWith(QStringLiteral("TLS: ")), qPrintable(client.errorString()));
        QVERIFY2(client.errorString().contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
            qPrintable(client.errorString()));
        QCOMPARE(connected.size(), 0);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestWebSocketClient)
#include "tst_websocketclient.moc"
