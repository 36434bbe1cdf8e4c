#include "DataSourceDialog.h"
#include "HeadlessTestMain.h"
#include "PrometheusClient.h"
#include "PrometheusPage.h"
#include "ScriptedHttpServer.h"

#include <QLabel>
#include <QLineEdit>
#include <QTest>

using namespace perfdash;

// The data source dialog's "Store in keychain…" and "Remove" against a real Secret Service: ctest runs this
// under tests/tools/with-secret-service (gnome-keyring in a private D-Bus session, unlocked). A second run,
// tst_keychain_absent, has no session bus at all (PERFDASH_TEST_NO_KEYCHAIN=1): the dialog says so and offers
// an env: reference, and a request with a keychain: reference is never sent.
class TestKeychain : public QObject {
    Q_OBJECT

    static constexpr const char* secret = "kc-pass-8d1f03a7";

    static bool noKeychainExpected() { return qEnvironmentVariableIsSet("PERFDASH_TEST_NO_KEYCHAIN"); }

    static DataSourceSpec basicSource(const QUrl& url)
    {
        DataSourceSpec source;
        source.id = QStringLiteral("prom");
        source.kind = DataSourceKind::Prometheus;
        source.url = url;
        source.auth = DataSourceAuth::Basic;
        source.username = QStringLiteral("bob");
        source.queryTimeoutMs = 5000;
        return source;
    }

    // One instant query with the dialog's source: the answer's words, or empty when it succeeded.
    static QString queryWith(const DataSourceSpec& source)
    {
        PrometheusClient client(source);
        std::optional<PrometheusResponse> answer;
        client.queryInstant(QStringLiteral("up"), 0, &client, [&](const PrometheusResponse& response) { answer = response; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000))
            return QStringLiteral("no answer");
        return answer->ok() ? QString() : answer->message();
    }

private Q_SLOTS:
    void storeReadBackRemove()
    {
        if (noKeychainExpected())
            QSKIP("no Secret Service in this run (tst_keychain_absent)");
        int accepted = 0;
        int refused = 0;
        ScriptedHttpServer server([&](const ScriptedHttpServer::Request& request) -> ScriptedHttpServer::Response {
            if (request.headers.value("authorization") != "Basic " + QByteArray("bob:").append(secret).toBase64()) {
                ++refused;
                return { 401, R"({"status":"error","errorType":"unauthorized","error":"bad credentials"})" };
            }
            ++accepted;
            return { 200, R"({"status":"success","data":{"resultType":"vector","result":[]}})" };
        });
        QVERIFY(server.isListening());

        DataSourceDialog dialog(basicSource(server.url()), {});
        dialog.setKeychain(keychainAccess());
        dialog.storeSecret(QString::fromLatin1(secret));
        // The field got a reference naming the server; the dashboard keeps only that.
        const QString reference = QStringLiteral("keychain:perfdash/127.0.0.1:%1").arg(server.url().port());
        QCOMPARE(dialog.secretEdit()->text(), reference);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.keychainResult()->text().startsWith(QStringLiteral("stored")), 20000);
        QCOMPARE(dialog.source().secretRef, reference);

        // Read back at request time through basic auth.
        QCOMPARE(queryWith(dialog.source()), QString());
        QCOMPARE(accepted, 1);

        dialog.removeSecret();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.keychainResult()->text().startsWith(QStringLiteral("removed")), 20000);
        const QString gone = queryWith(dialog.source());
        QVERIFY2(gone.contains(QStringLiteral("the OS keychain has no entry perfdash/127.0.0.1:")), qPrintable(gone));
        QCOMPARE(accepted, 1); // no request without its secret
        QCOMPARE(refused, 0);
    }

    void withoutAKeychainServiceTheDialogOffersEnv()
    {
        if (!noKeychainExpected())
            QSKIP("a Secret Service runs here (tst_keychain)");
        ScriptedHttpServer server([](const ScriptedHttpServer::Request&) -> ScriptedHttpServer::Response {
            return { 200, R"({"status":"success","data":{"resultType":"vector","result":[]}})" };
        });
        DataSourceDialog dialog(basicSource(server.url()), {});
        dialog.setKeychain(keychainAccess());
        dialog.secretEdit()->setText(QStringLiteral("keychain:perfdash/prom"));
        const DataSourceSpec keychained = dialog.source();
        dialog.storeSecret(QString::fromLatin1(secret));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.keychainResult()->text().contains(QStringLiteral("no OS keychain service")), 20000);
        QCOMPARE(dialog.secretEdit()->text(), QStringLiteral("env:PROMETHEUS_PASSWORD"));
        QVERIFY(dialog.keychainResult()->text().contains(QStringLiteral("export PROMETHEUS_PASSWORD")));
        // No plain-text fallback: the keychain: reference still cannot be read, and nothing is sent.
        const QString refused = queryWith(keychained);
        QVERIFY2(refused.contains(QStringLiteral("no OS keychain service")), qPrintable(refused));
        QCOMPARE(server.requests().size(), 0);
    }
};

PERFDASH_TEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
