#include "BinaryRun.h"
#include "DemoServer.h"
#include "HeadlessTestMain.h"
#include "MetricsBasicAuth.h"
#include "ProfilingMetrics.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace perfdash;

// Basic auth on perfdash's own /metrics: scraped with no, wrong and right credentials, through the library
// (profiling metrics, demo server) and through `perfdash demo-server`, whose output never shows the password.
class TestMetricsAuth : public QObject {
    Q_OBJECT

    static constexpr const char* passwordVariable = "PERFDASH_TEST_METRICS_PASSWORD";
    static constexpr const char* password = "s3cret-metrics-Pa55";

    struct Scrape {
        int status = 0;
        QByteArray body;
    };

    static Scrape scrape(const QUrl& url, const QString& user = {}, const QString& secret = {})
    {
        QNetworkAccessManager network;
        QNetworkRequest request(url);
        if (!user.isEmpty())
            request.setRawHeader("Authorization", "Basic " + (user + u':' + secret).toUtf8().toBase64());
        QNetworkReply* reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10000))
            return {};
        Scrape result { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll() };
        delete reply;
        return result;
    }

    static void checkCredentials(const QUrl& url, const QByteArray& expectedMetric)
    {
        QCOMPARE(scrape(url).status, 401);
        QCOMPARE(scrape(url, QStringLiteral("scraper"), QStringLiteral("wrong")).status, 401);
        QCOMPARE(scrape(url, QStringLiteral("other"), QString::fromLatin1(password)).status, 401);
        QCOMPARE(scrape(url, QStringLiteral("scraper"), QString::fromLatin1(password) + u'x').status, 401);
        const Scrape good = scrape(url, QStringLiteral("scraper"), QString::fromLatin1(password));
        QCOMPARE(good.status, 200);
        QVERIFY2(good.body.contains(expectedMetric), good.body.left(300).constData());
    }

private Q_SLOTS:
    void initTestCase() { qputenv(passwordVariable, password); }

    void referenceMustBeAnEnvironmentVariableThatIsSet()
    {
        QString error;
        QVERIFY(
            !MetricsBasicAuth::fromReference(QStringLiteral("u"), QStringLiteral("env:PERFDASH_NO_SUCH_VAR"), &error));
        QCOMPARE(error, QStringLiteral("the metrics password's environment variable PERFDASH_NO_SUCH_VAR is not set"));
        QVERIFY(!MetricsBasicAuth::fromReference(QStringLiteral("u"), QStringLiteral("keychain:svc/acct"), &error));
        QVERIFY2(error.contains(QStringLiteral("must be env:VARIABLE")), qPrintable(error));
        QVERIFY(!MetricsBasicAuth::fromReference(QStringLiteral("a:b"), QStringLiteral("env:X"), &error));
        QVERIFY(!MetricsBasicAuth::fromReference(
            QStringLiteral("u"), QString::fromLatin1(password), &error)); // a password is not a reference
        QVERIFY(!error.contains(QString::fromLatin1(password)));
    }

    void profilingMetricsNeedTheCredentials()
    {
        QString error;
        const auto auth = MetricsBasicAuth::fromReference(
            QStringLiteral("scraper"), QStringLiteral("env:") + QString::fromLatin1(passwordVariable), &error);
        QVERIFY2(auth, qPrintable(error));
        ProfilingMetrics metrics;
        const int id = metrics.addCache("demo", [] { return CacheStats {}; });
        QVERIFY2(metrics.expose(0, &error, &*auth), qPrintable(error));
        checkCredentials(
            QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(metrics.port())), "perfdash_cache_requests_total");
        metrics.remove(id);
    }

    void withoutAuthTheMetricsStayOpenOnLoopback()
    {
        ProfilingMetrics metrics;
        QString error;
        QVERIFY2(metrics.expose(0, &error), qPrintable(error));
        QCOMPARE(scrape(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(metrics.port()))).status, 200);
    }

    void demoServerNeedsTheCredentials()
    {
        DemoServerOptions options;
        QString error;
        options.metricsAuth = MetricsBasicAuth::fromReference(
            QStringLiteral("scraper"), QStringLiteral("env:") + QString::fromLatin1(passwordVariable), &error);
        QVERIFY2(options.metricsAuth, qPrintable(error));
        DemoServer server(options);
        QVERIFY2(server.start(&error), qPrintable(error));
        checkCredentials(server.metricsUrl(), "agent_execution");
    }

    void demoServerCommand()
    {
        QProcess demo;
        demo.setProgram(QStringLiteral(PERFDASH_BINARY));
        demo.setArguments({ QStringLiteral("demo-server"), QStringLiteral("--metrics-user"), QStringLiteral("scraper"),
            QStringLiteral("--metrics-password-ref"), QStringLiteral("env:") + QString::fromLatin1(passwordVariable) });
        demo.start();
        QVERIFY(demo.waitForStarted(5000));
        QByteArray output = readOutputUntil(
            demo, QProcess::StandardOutput, [](const QByteArray& sofar) { return sofar.contains("metrics auth:"); });
        const QString metricsField = outputField(output, QStringLiteral("metrics"));
        QVERIFY2(!metricsField.isEmpty(), output.constData());
        QVERIFY2(output.contains("metrics auth: basic, user scraper"), output.constData());
        const QUrl metrics(metricsField);
        QCOMPARE(metrics.host(), QStringLiteral("127.0.0.1"));
        checkCredentials(metrics, "agent_execution");
        demo.terminate();
        QVERIFY(demo.waitForFinished(10000));
        output += demo.readAllStandardOutput() + demo.readAllStandardError();
        QVERIFY(!output.contains(password));

        // An unset variable is refused before anything is served.
        QProcess refused;
        refused.start(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("demo-server"), QStringLiteral("--metrics-user"), QStringLiteral("scraper"),
                QStringLiteral("--metrics-password-ref"), QStringLiteral("env:PERFDASH_NO_SUCH_VAR") });
        QVERIFY(refused.waitForFinished(10000));
        QCOMPARE(refused.exitCode(), 2);
        QVERIFY2(refused.readAllStandardError().contains("PERFDASH_NO_SUCH_VAR is not set"), "no reason given");
    }

    void profileCommand()
    {
        // A long repetition, so /metrics is up while the test scrapes it; SIGTERM cancels the run.
        QProcess profile;
        profile.start(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("profile"), QStringLiteral("--component"), QStringLiteral("cache"),
                QStringLiteral("--repetitions"), QStringLiteral("1"), QStringLiteral("--set"),
                QStringLiteral("duration_ms=60000"), QStringLiteral("--metrics-port"), QStringLiteral("0"),
                QStringLiteral("--metrics-user"), QStringLiteral("scraper"), QStringLiteral("--metrics-password-ref"),
                QStringLiteral("env:") + QString::fromLatin1(passwordVariable) });
        QVERIFY(profile.waitForStarted(5000));
        QByteArray output = readOutputUntil(
            profile, QProcess::StandardError, [](const QByteArray& sofar) { return sofar.contains("metrics auth:"); });
        QVERIFY2(output.contains("metrics auth: basic, user scraper"), output.constData());
        const QString metricsField = outputField(output, QStringLiteral("metrics"));
        QVERIFY2(!metricsField.isEmpty(), output.constData());
        const QUrl metrics(metricsField);
        QCOMPARE(metrics.host(), QStringLiteral("127.0.0.1"));
        // The cache's families appear once the run has started.
        QTRY_VERIFY_WITH_TIMEOUT(scrape(metrics, QStringLiteral("scraper"), QString::fromLatin1(password))
                                     .body.contains("perfdash_cache_requests_total"),
            10000);
        checkCredentials(metrics, "perfdash_cache_requests_total");
        profile.terminate();
        QVERIFY(profile.waitForFinished(20000));
        output += profile.readAllStandardOutput() + profile.readAllStandardError();
        QVERIFY(!output.contains(password));

        QProcess withoutPort;
        withoutPort.start(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("profile"), QStringLiteral("--component"), QStringLiteral("cache"),
                QStringLiteral("--metrics-user"), QStringLiteral("scraper"), QStringLiteral("--metrics-password-ref"),
                QStringLiteral("env:") + QString::fromLatin1(passwordVariable) });
        QVERIFY(withoutPort.waitForFinished(10000));
        QCOMPARE(withoutPort.exitCode(), 2);
        QVERIFY2(withoutPort.readAllStandardError().contains("--metrics-user needs --metrics-port"), "no reason given");
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestMetricsAuth)
#include "tst_metricsauth.moc"
