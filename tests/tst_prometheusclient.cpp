#include "AwaitPrometheus.h"
#include "HeadlessTestMain.h"
#include "LoopbackPort.h"
#include "PrometheusClient.h"
#include "ScriptedHttpServer.h"
#include "TestCertificates.h"

#include <QDir>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <optional>

using namespace perfdash;

namespace {

using HttpRequest = ScriptedHttpServer::Request;
using HttpResponse = ScriptedHttpServer::Response;

HttpResponse json(int status, const char* body) { return { status, QByteArray(body), "application/json", false }; }

const char* const oneSeriesMatrix
    = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"job\":\"demo\"},"
      "\"values\":[[1700000000,\"1\"],[1700000015,\"2\"]]}]}}";

// Runs one client call and waits for its answer.
PrometheusResponse rangeQuery(PrometheusClient& client, const QString& query = QStringLiteral("up"))
{
    return awaitAnswer(client, [&](PrometheusClient& c, QObject* context, PrometheusClient::Callback done) {
        c.queryRange(query, 1700000000000, 1700000015000, 15, context, std::move(done));
    });
}

DataSourceSpec sourceFor(const QUrl& url)
{
    DataSourceSpec spec;
    spec.id = QStringLiteral("test");
    spec.kind = DataSourceKind::Prometheus;
    spec.url = url;
    spec.queryTimeoutMs = 5000;
    return spec;
}

} // namespace

// PrometheusClient against scripted local servers: the server's errors, warnings, special values, size and
// time limits, authentication and TLS — each with the message a user sees.
class TestPrometheusClient : public QObject {
    Q_OBJECT

    QTemporaryDir m_certs;
    QString m_caFile;
    QString m_wrongCaFile;
    QSslConfiguration m_serverTls;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_certs.isValid());
        const QString dir = m_certs.path();
        const QStringList ecKey { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes") };
        // A private CA, a server certificate for 127.0.0.1 signed by it, and an unrelated CA.
        QVERIFY(runOpenssl(QStringList { QStringLiteral("req"), QStringLiteral("-x509") } + ecKey
                + QStringList { QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                    QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=perfdash test CA") },
            dir));
        QVERIFY(runOpenssl(QStringList { QStringLiteral("req"), QStringLiteral("-x509") } + ecKey
                + QStringList { QStringLiteral("-keyout"), QStringLiteral("wrong.key"), QStringLiteral("-out"),
                    QStringLiteral("wrong.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=some other CA") },
            dir));
        QVERIFY(runOpenssl(QStringList { QStringLiteral("req") } + ecKey
                + QStringList { QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                    QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1") },
            dir));
        QFile extensions(dir + QStringLiteral("/san.cnf"));
        QVERIFY(extensions.open(QIODevice::WriteOnly));
        extensions.write("subjectAltName=IP:127.0.0.1\n");
        extensions.close();
        QVERIFY(runOpenssl(
            { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("san.cnf") },
            dir));
        m_caFile = dir + QStringLiteral("/ca.pem");
        m_wrongCaFile = dir + QStringLiteral("/wrong.pem");
        QVERIFY(QFile::exists(dir + QStringLiteral("/server.key")));
        m_serverTls = serverTlsConfiguration(dir + QStringLiteral("/server.key"), dir + QStringLiteral("/server.pem"));
        QVERIFY(!m_serverTls.privateKey().isNull());
        QVERIFY(!m_serverTls.localCertificate().isNull());
    }

    void serverErrorsAreShownVerbatim_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addRow("400 bad_data") << 400
                                      << QByteArray(
                                             "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid "
                                             "parameter \\\"query\\\": 1:4: parse error: unexpected end of input\"}")
                                      << QStringLiteral(
                                             "Prometheus error bad_data (HTTP 400): invalid parameter \"query\": "
                                             "1:4: parse error: unexpected end of input");
        QTest::addRow("422 execution") << 422
                                       << QByteArray(
                                              "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query "
                                              "processing would load too many samples into memory\"}")
                                       << QStringLiteral(
                                              "Prometheus error execution (HTTP 422): query processing would "
                                              "load too many samples into memory");
        QTest::addRow("503 unavailable") << 503
                                         << QByteArray("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":"
                                                       "\"TSDB not ready\"}")
                                         << QStringLiteral("Prometheus error unavailable (HTTP 503): TSDB not ready");
    }

    void serverErrorsAreShownVerbatim()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        ScriptedHttpServer server([&](const HttpRequest&) {
            return HttpResponse { status, body, "application/json", false };
        });
        PrometheusClient client(sourceFor(server.url()));
        const PrometheusResponse response = rangeQuery(client);
        QCOMPARE(response.kind, PrometheusResponse::Kind::ServerError);
        QCOMPARE(response.message(), message);
    }

    void warningsAreKeptWithTheData()
    {
        ScriptedHttpServer server([](const HttpRequest&) {
            return json(200,
                "{\"status\":\"success\",\"warnings\":[\"results truncated due to limit\"],\"data\":"
                "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1700000000,\"3\"]]}]}}");
        });
        PrometheusClient client(sourceFor(server.url()));
        const PrometheusResponse response = rangeQuery(client);
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QCOMPARE(response.result.warnings, QStringList { QStringLiteral("results truncated due to limit") });
        QCOMPARE(response.result.series.size(), 1);
    }

    void specialValuesAndGapsArrive()
    {
        ScriptedHttpServer server([](const HttpRequest&) {
            return json(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                "\"values\":[[1700000000,\"NaN\"],[1700000015,\"+Inf\"],[1700000030,\"-Inf\"],"
                "[1700000060,\"7\"]]}]}}");
        });
        PrometheusClient client(sourceFor(server.url()));
        const PrometheusResponse response = rangeQuery(client);
        QVERIFY2(response.ok(), qPrintable(response.message()));
        const QList<QPointF> points = response.result.series.value(0).points;
        QCOMPARE(points.size(), 4); // the missing step at 1700000045 stays missing
        QVERIFY(std::isnan(points[0].y()));
        QCOMPARE(points[1].y(), std::numeric_limits<double>::infinity());
        QCOMPARE(points[2].y(), -std::numeric_limits<double>::infinity());
        QCOMPARE(points[3], QPointF(1700000060000.0, 7.0));
    }

    void resultTypeMismatchIsAnError()
    {
        ScriptedHttpServer server([](const HttpRequest&) {
            return json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        });
        PrometheusClient client(sourceFor(server.url()));
        QCOMPARE(rangeQuery(client).message(),
            QStringLiteral("expected a range result (matrix) from query_range, got a vector"));
    }

    void oversizedBodyIsAborted()
    {
        ScriptedHttpServer server([](const HttpRequest&) {
            return HttpResponse { 200, QByteArray(64 * 1024, ' '), "application/json", false };
        });
        PrometheusClientOptions options;
        options.maxResponseBytes = 16 * 1024;
        PrometheusClient client(sourceFor(server.url()), options);
        QCOMPARE(rangeQuery(client).message(),
            QStringLiteral("the answer from %1 is larger than the 16 kB limit; narrow the query or the time range, or "
                           "raise the limit")
                .arg(server.hostPort()));
    }

    void stalledServerTimesOut()
    {
        ScriptedHttpServer server([](const HttpRequest&) { return HttpResponse { 200, {}, {}, true }; });
        DataSourceSpec spec = sourceFor(server.url());
        spec.queryTimeoutMs = 300;
        PrometheusClient client(spec);
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(rangeQuery(client).message(),
            QStringLiteral("timeout: no complete answer from %1 within 0.3 s (the data source's query timeout)")
                .arg(server.hostPort()));
        QVERIFY(clock.elapsed() < 3000);
    }

    void unreachableServer()
    {
        const quint16 port = closedLoopbackPort();
        QVERIFY(port != 0);
        PrometheusClient client(sourceFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))));
        const PrometheusResponse response = awaitAnswer(client,
            [](PrometheusClient& c, QObject* context, auto done) { c.testConnection(context, std::move(done)); });
        QCOMPARE(response.message(), QStringLiteral("cannot reach 127.0.0.1:%1: connection refused").arg(port));
    }

    void notAPrometheusApi()
    {
        ScriptedHttpServer server([](const HttpRequest& request) {
            if (request.target.startsWith("/api/v1/status"))
                return HttpResponse { 404, "404 page not found", "text/plain", false };
            return HttpResponse { 200, "<html>login</html>", "text/html", false };
        });
        PrometheusClient client(sourceFor(server.url()));
        QCOMPARE(
            awaitAnswer(client,
                [](PrometheusClient& c, QObject* context, auto done) { c.testConnection(context, std::move(done)); })
                .message(),
            QStringLiteral("%1/api/v1/status/buildinfo is not a Prometheus API: HTTP 404")
                .arg(server.url().toString()));
        QCOMPARE(rangeQuery(client).message(),
            QStringLiteral("%1/api/v1/query_range is not a Prometheus API: the body is not a JSON object, so not a "
                           "Prometheus API answer")
                .arg(server.url().toString()));
    }

    void testReportsTheVersion()
    {
        ScriptedHttpServer server([](const HttpRequest&) {
            return json(200, "{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\",\"revision\":\"x\"}}");
        });
        PrometheusClient client(sourceFor(server.url()));
        const auto response = awaitAnswer(client,
            [](PrometheusClient& c, QObject* context, auto done) { c.testConnection(context, std::move(done)); });
        QVERIFY(response.ok());
        QCOMPARE(response.version, QStringLiteral("2.42.0"));
    }

    void longQueriesArePostedAsForms()
    {
        ScriptedHttpServer server([](const HttpRequest&) { return json(200, oneSeriesMatrix); });
        PrometheusClient client(sourceFor(server.url()));
        QVERIFY(rangeQuery(client, QStringLiteral("a + b")).ok());
        const QString longQuery = QStringLiteral("sum(rate(x[1m])) + ") + QString(2000, QLatin1Char('1'));
        QVERIFY(rangeQuery(client, longQuery).ok());
        QCOMPARE(server.requests().size(), 2);
        const HttpRequest& shortRequest = server.requests()[0];
        QCOMPARE(shortRequest.method, QByteArray("GET"));
        QVERIFY2(shortRequest.target.contains("query=a%20%2B%20b"), shortRequest.target.constData());
        const HttpRequest& longRequest = server.requests()[1];
        QCOMPARE(longRequest.method, QByteArray("POST"));
        QCOMPARE(longRequest.target, QByteArray("/api/v1/query_range"));
        QCOMPARE(longRequest.headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
        QVERIFY(longRequest.body.startsWith("query=sum%28rate%28x%5B1m%5D%29%29%20%2B%201111"));
        QVERIFY(longRequest.body.contains("&step=15"));
        QVERIFY(!longRequest.headers.contains("authorization"));
    }

    void authentication_data()
    {
        QTest::addColumn<int>("auth");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("message");
        const QByteArray goodBasic = "Basic " + QByteArray("alice:s3cret").toBase64();
        QTest::addRow("basic right") << int(DataSourceAuth::Basic) << QStringLiteral("alice") << QByteArray("s3cret")
                                     << QString();
        QTest::addRow("basic wrong") << int(DataSourceAuth::Basic) << QStringLiteral("alice") << QByteArray("nope")
                                     << QStringLiteral(
                                            "authentication failed (HTTP 401) at %1: check the user name and "
                                            "the password or token");
        QTest::addRow("bearer right") << int(DataSourceAuth::Bearer) << QString() << QByteArray("tok-123") << QString();
        QTest::addRow("bearer wrong") << int(DataSourceAuth::Bearer) << QString() << QByteArray("tok-999")
                                      << QStringLiteral(
                                             "authentication failed (HTTP 401) at %1: check the user name and "
                                             "the password or token");
        QTest::addRow("bearer forbidden") << int(DataSourceAuth::Bearer) << QString() << QByteArray("readonly")
                                          << QStringLiteral("access denied (HTTP 403) at %1: these credentials may not "
                                                            "read this data");
    }

    void authentication()
    {
        QFETCH(int, auth);
        QFETCH(QString, username);
        QFETCH(QByteArray, secret);
        QFETCH(QString, message);
        ScriptedHttpServer server([](const HttpRequest& request) {
            const QByteArray header = request.headers.value("authorization");
            if (header == "Basic " + QByteArray("alice:s3cret").toBase64() || header == "Bearer tok-123")
                return json(200, oneSeriesMatrix);
            if (header == "Bearer readonly")
                return HttpResponse { 403, "forbidden", "text/plain", false };
            return HttpResponse { 401, "unauthorized", "text/plain", false };
        });
        qputenv("PERFDASH_TEST_SECRET", secret);
        DataSourceSpec spec = sourceFor(server.url());
        spec.auth = DataSourceAuth(auth);
        spec.username = username;
        spec.secretRef = QStringLiteral("env:PERFDASH_TEST_SECRET");
        PrometheusClient client(spec);
        const PrometheusResponse response = rangeQuery(client);
        qunsetenv("PERFDASH_TEST_SECRET");
        QCOMPARE(response.message(), message.isEmpty() ? QString() : message.arg(server.hostPort()));
        QCOMPARE(response.ok(), message.isEmpty());
    }

    void missingSecretsNeverSendARequest_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("messageStart");
        QTest::addRow("unset env") << QStringLiteral("env:PERFDASH_TEST_UNSET_VARIABLE")
                                   << QStringLiteral("cannot authenticate: the secret's environment variable "
                                                     "PERFDASH_TEST_UNSET_VARIABLE is not set (secret reference "
                                                     "env:PERFDASH_TEST_UNSET_VARIABLE)");
        QTest::addRow("plain text") << QStringLiteral("hunter2")
                                    << QStringLiteral("cannot authenticate: secret reference \"hunter2\": expected "
                                                      "env:NAME or keychain:SERVICE/ACCOUNT (secrets themselves are "
                                                      "never stored)");
        // Whatever this machine's keychain does (absent here, usually), there is no plain-text fallback.
        QTest::addRow("keychain") << QStringLiteral("keychain:perfdash-test/no-such-account")
                                  << QStringLiteral("cannot authenticate: ");
    }

    void missingSecretsNeverSendARequest()
    {
        QFETCH(QString, reference);
        QFETCH(QString, messageStart);
        qunsetenv("PERFDASH_TEST_UNSET_VARIABLE");
        ScriptedHttpServer server([](const HttpRequest&) { return json(200, oneSeriesMatrix); });
        DataSourceSpec spec = sourceFor(server.url());
        spec.auth = DataSourceAuth::Bearer;
        spec.secretRef = reference;
        PrometheusClient client(spec);
        const QString message = rangeQuery(client).message();
        QVERIFY2(message.startsWith(messageStart), qPrintable(message));
        QVERIFY2(message.size() > QStringLiteral("cannot authenticate: ").size(), qPrintable(message));
        QVERIFY(server.requests().isEmpty());
    }

    void tls_data()
    {
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<bool>("skipVerify");
        QTest::addColumn<QString>("message");
        QTest::addRow("our CA") << QStringLiteral("ca") << false << QString();
        QTest::addRow("system CAs") << QString() << false
                                    << QStringLiteral(
                                           "TLS error with %1: The issuer certificate of a locally looked up "
                                           "certificate could not be found; No certificates could be verified");
        QTest::addRow("wrong CA") << QStringLiteral("wrong") << false
                                  << QStringLiteral(
                                         "TLS error with %1: The issuer certificate of a locally looked up "
                                         "certificate could not be found; No certificates could be verified");
        QTest::addRow("skip verification") << QString() << true << QString();
    }

    void tls()
    {
        QFETCH(QString, caFile);
        QFETCH(bool, skipVerify);
        QFETCH(QString, message);
        ScriptedHttpServer server([](const HttpRequest&) { return json(200, oneSeriesMatrix); }, m_serverTls);
        QCOMPARE(server.url().scheme(), QStringLiteral("https"));
        DataSourceSpec spec = sourceFor(server.url());
        spec.caFile = caFile == u"ca" ? m_caFile : caFile == u"wrong" ? m_wrongCaFile : QString();
        spec.skipTlsVerify = skipVerify;
        PrometheusClient client(spec);
        const PrometheusResponse response = rangeQuery(client);
        QCOMPARE(response.message(), message.isEmpty() ? QString() : message.arg(server.hostPort()));
        if (message.isEmpty())
            QCOMPARE(response.result.series.size(), 1);
    }

    void unreadableCaFile()
    {
        PrometheusClient client(sourceFor(QUrl(QStringLiteral("https://127.0.0.1:1"))));
        DataSourceSpec spec = sourceFor(QUrl(QStringLiteral("https://127.0.0.1:1")));
        spec.caFile = QStringLiteral("/nonexistent/ca.pem");
        PrometheusClient withMissingCa(spec);
        QCOMPARE(rangeQuery(withMissingCa).message(),
            QStringLiteral("cannot read the CA file /nonexistent/ca.pem: No such file or directory"));
    }

    void destroyingTheClientMidRequestCallsNothing()
    {
        ScriptedHttpServer server([](const HttpRequest&) { return HttpResponse { 200, {}, {}, true }; });
        bool called = false;
        {
            PrometheusClient client(sourceFor(server.url()));
            client.queryInstant(
                QStringLiteral("up"), 1700000000000, &client, [&](const PrometheusResponse&) { called = true; });
            QTRY_COMPARE(server.requests().size(), 1);
        }
        QTest::qWait(50);
        QVERIFY(!called);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestPrometheusClient)
#include "tst_prometheusclient.moc"
