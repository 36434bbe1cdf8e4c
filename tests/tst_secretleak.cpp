#include "BinaryRun.h"
#include "DashboardFile.h"
#include "HeadlessTestMain.h"
#include "KeychainSecrets.h"
#include "ScriptedHttpServer.h"

#include <QDateTime>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace perfdash;

// Issue 7, "secrets never land in files or logs": a session with credentials — three Prometheus sources, one
// with a bearer token and two with basic auth, from env: references and from a keychain: one stored in a real
// Secret Service (ctest runs this under tests/tools/with-secret-service) — runs the GUI (with a screenshot),
// exports a snapshot bundle and saves the dashboard, all with verbose logging and with HOME, XDG_* and TMPDIR
// pointed into one folder. Then every file in that folder and everything printed is searched for the secrets.
class TestSecretLeak : public QObject {
    Q_OBJECT

    static constexpr const char* token = "tok-7c1e55d0a9b2f4e8";
    static constexpr const char* password = "pw-3b9f1d72ce60a8";
    static constexpr const char* user = "alice";
    static constexpr const char* keychainPassword = "kc-51e0b7a93d24f6";
    static constexpr const char* keychainUser = "carol";

    // The secrets in every form they travel in.
    static QList<QByteArray> secretForms()
    {
        const QByteArray basic = QByteArray(user) + ':' + password;
        const QByteArray keychainBasic = QByteArray(keychainUser) + ':' + keychainPassword;
        return { token, password, keychainPassword, QByteArray(token).toBase64(), QByteArray(password).toBase64(),
            basic.toBase64(), keychainBasic.toBase64(), QByteArray(keychainPassword).toBase64(),
            QByteArray(token).toPercentEncoding(), QByteArray(password).toPercentEncoding() };
    }

    // Answers only requests carrying the right credentials; counts what it saw.
    struct Counts {
        int bearerOk = 0;
        int basicOk = 0;
        int keychainOk = 0;
        int refused = 0;
    };

    static ScriptedHttpServer::Response answer(const ScriptedHttpServer::Request& request, Counts& counts)
    {
        const QByteArray authorization = request.headers.value("authorization");
        const bool bearer = authorization == "Bearer " + QByteArray(token);
        const bool basic = authorization == "Basic " + (QByteArray(user) + ':' + password).toBase64();
        const bool keychain
            = authorization == "Basic " + (QByteArray(keychainUser) + ':' + keychainPassword).toBase64();
        bearer ? ++counts.bearerOk : basic ? ++counts.basicOk : keychain ? ++counts.keychainOk : ++counts.refused;
        const QByteArray now = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        if (!bearer && !basic && !keychain)
            return { 401, "{\"status\":\"error\",\"errorType\":\"unauthorized\",\"error\":\"no\"}" };
        if (request.target.startsWith("/api/v1/query_range")) {
            return { 200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                "\"values\":[["
                    + QByteArray::number(now.toLongLong() - 60) + ",\"1\"],[" + now + ",\"2\"]]}]}}" };
        }
        if (request.target.contains("/api/v1/query")) {
            return { 200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                "\"value\":["
                    + now + ",\"2\"]}]}}" };
        }
        return { 200, "{\"status\":\"success\",\"data\":{\"version\":\"2.45.0\"}}" };
    }

    // Runs the binary with the session's environment while this thread keeps serving; stdout + stderr.
    static QByteArray run(const QStringList& arguments, const QProcessEnvironment& environment, int* exitCode)
    {
        const BinaryRun result = runBinary(QStringLiteral(PERFDASH_BINARY), arguments, { environment, 60000 });
        *exitCode = result.exitCode;
        return result.out + result.err;
    }

private Q_SLOTS:
    void noSecretInAnyFileOrLog()
    {
        Counts server;
        ScriptedHttpServer http(
            [&server](const ScriptedHttpServer::Request& request) { return answer(request, server); });
        QVERIFY(http.isListening());
        const QString url = http.url().toString();

        QTemporaryDir session;
        QVERIFY(session.isValid());
        const QString root = session.path();
        for (const char* sub : { "home", "config", "data", "cache", "state", "tmp", "runtime", "out" })
            QVERIFY(QDir(root).mkpath(QString::fromLatin1(sub)));
        // The keychain: reference's secret, stored the way the data source dialog stores it.
        bool stored = false;
        QString storeError;
        storeKeychainSecret(QStringLiteral("perfdash-leak-test"), QString::fromLatin1(keychainUser),
            QString::fromLatin1(keychainPassword), this, [&](const KeychainOutcome& outcome) {
                stored = outcome.ok;
                storeError = outcome.ok ? QStringLiteral("stored") : outcome.message;
            });
        QTRY_VERIFY_WITH_TIMEOUT(!storeError.isEmpty(), 20000);
        QVERIFY2(stored, qPrintable(storeError + QStringLiteral(" (run under tests/tools/with-secret-service)")));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), root + QStringLiteral("/home"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), root + QStringLiteral("/config"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), root + QStringLiteral("/data"));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), root + QStringLiteral("/cache"));
        environment.insert(QStringLiteral("XDG_STATE_HOME"), root + QStringLiteral("/state"));
        environment.insert(QStringLiteral("TMPDIR"), root + QStringLiteral("/tmp"));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), root + QStringLiteral("/runtime"));
        environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        environment.insert(QStringLiteral("PERFDASH_LEAK_TOKEN"), QString::fromLatin1(token));
        environment.insert(QStringLiteral("PERFDASH_LEAK_PASSWORD"), QString::fromLatin1(password));

        // Both sources' URLs are %1 in the fixture.
        QFile fixture(QFINDTESTDATA("fixtures/dashboards/with-credentials.perfdash.json"));
        QVERIFY2(fixture.open(QIODevice::ReadOnly), qPrintable(fixture.fileName()));
        const QByteArray source = QString::fromUtf8(fixture.readAll()).arg(url).toUtf8();
        const QString dashboardPath = root + QStringLiteral("/team.perfdash.json");
        {
            QFile file(dashboardPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(source);
        }

        QByteArray printed;
        int exitCode = -1;
        printed += run({ QStringLiteral("--platform"), QStringLiteral("offscreen"), QStringLiteral("--dashboard"),
                           dashboardPath, QStringLiteral("--quit-after"), QStringLiteral("4"),
                           QStringLiteral("--screenshot"), root + QStringLiteral("/out/window.png") },
            environment, &exitCode);
        QCOMPARE(exitCode, 0);
        printed
            += run({ QStringLiteral("snapshot"), QStringLiteral("--dashboard"), dashboardPath, QStringLiteral("--out"),
                       root + QStringLiteral("/out/bundle/"), QStringLiteral("--wait"), QStringLiteral("1") },
                environment, &exitCode);
        QVERIFY2(exitCode == 0, printed.right(2000).constData());
        // The secrets were really used, by both runs, for both sources.
        QVERIFY(server.bearerOk >= 2);
        QVERIFY(server.basicOk >= 2);
        QVERIFY(server.keychainOk >= 2);
        QCOMPARE(server.refused, 0);

        // Saving goes through the same code as the window's Save.
        const DashboardLoadResult loaded = DashboardFile::loadFile(dashboardPath);
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        QString error;
        QVERIFY2(DashboardFile::save(*loaded.dashboard, root + QStringLiteral("/out/saved.perfdash.json"), &error),
            qPrintable(error));

        for (const QByteArray& secret : secretForms())
            QVERIFY2(!printed.contains(secret), "a secret was printed");
        int files = 0;
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray content = file.readAll();
            ++files;
            for (const QByteArray& secret : secretForms())
                QVERIFY2(!content.contains(secret), qPrintable(QStringLiteral("a secret is in %1").arg(path)));
        }
        // The dashboard, the screenshot, the saved copy and the snapshot bundle at least.
        QVERIFY2(files >= 5, qPrintable(QString::number(files)));
        QVERIFY(QFile::exists(root + QStringLiteral("/out/window.png")));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestSecretLeak)
#include "tst_secretleak.moc"
