#include "BinaryRun.h"
#include "HeadlessTestMain.h"

#include <QTest>

// The command line as a user meets it: help, version, bad options, and no display.
class TestCli : public QObject {
    Q_OBJECT

    using Result = BinaryRun;

    static Result run(const QStringList& arguments, const QProcessEnvironment& environment)
    {
        return runBinary(QStringLiteral(PERFDASH_BINARY), arguments, { environment, 20000 });
    }

    static QProcessEnvironment headless() { return headlessEnvironment(); }

private Q_SLOTS:
    void versionWorksWithoutADisplay()
    {
        const Result result = run({ QStringLiteral("--version") }, headless());
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(), QByteArray("perfdash " PERFDASH_VERSION));
    }

    void helpListsTheOptionsAndCommands()
    {
        const Result result = run({ QStringLiteral("--help") }, headless());
        QCOMPARE(result.exitCode, 0);
        for (const char* expected : { "--stream <URL>", "--scenario <NAME>", "--platform <NAME>", "--window <W>" })
            QVERIFY2(result.out.contains(expected), expected);
    }

    void noDisplayNamesTheFix()
    {
        const Result result = run({}, headless());
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("no display found"), result.err.constData());
        QVERIFY(result.err.contains("xvfb-run scripts/run"));
        QVERIFY(result.err.contains("--platform offscreen"));
    }

    void offscreenRunsAndQuits()
    {
        const Result result = run({ QStringLiteral("--platform"), QStringLiteral("offscreen"), QStringLiteral("--quit-after"),
                                      QStringLiteral("1") },
            headless());
        QCOMPARE(result.exitCode, 0);
    }

    void badOptionsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::addRow("http stream") << QStringList { QStringLiteral("--stream"), QStringLiteral("http://x/") }
                                     << QByteArray("--stream: a stream needs a ws:// or wss:// URL with a host, not \"http://x/\"");
        QTest::addRow("window") << QStringList { QStringLiteral("--window"), QStringLiteral("2d") }
                                << QByteArray("--window must be 1m, 5m, 15m, 1h, 6h or 24h");
        QTest::addRow("scenario") << QStringList { QStringLiteral("--scenario"), QStringLiteral("fast") }
                                  << QByteArray("--scenario must be baseline or optimized");
        QTest::addRow("metrics port") << QStringList { QStringLiteral("--metrics-port"), QStringLiteral("99999") }
                                      << QByteArray("--metrics-port takes a port number 0-65535, not \"99999\"");
        QTest::addRow("metrics user alone")
            << QStringList { QStringLiteral("--metrics-port"), QStringLiteral("0"), QStringLiteral("--metrics-user"),
                   QStringLiteral("scraper") }
            << QByteArray("--metrics-user and --metrics-password-ref go together");
        // A password typed where the reference goes is refused without being echoed.
        QTest::addRow("metrics password in clear")
            << QStringList { QStringLiteral("--metrics-port"), QStringLiteral("0"), QStringLiteral("--metrics-user"),
                   QStringLiteral("scraper"), QStringLiteral("--metrics-password-ref"), QStringLiteral("hunter2") }
            << QByteArray("the metrics password reference must be env:VARIABLE (the password itself never goes on the "
                          "command line)");
        QTest::addRow("retention") << QStringList { QStringLiteral("--retention"), QStringLiteral("2x") }
                                   << QByteArray("--retention takes a duration such as 90s, 15m, 1h or 2d, not \"2x\"");
        QTest::addRow("demo deploy after")
            << QStringList { QStringLiteral("--demo-deploy-after"), QStringLiteral("2 minutes") }
            << QByteArray("--demo-deploy-after takes a duration such as 90s, 2m or 1h (0s: never), not \"2 minutes\"");
        QTest::addRow("unknown command") << QStringList { QStringLiteral("serve") }
                                         << QByteArray("unknown command \"serve\"");
    }

    void badOptionsAreRefusedWithAReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Result result = run(QStringList { QStringLiteral("--platform"), QStringLiteral("offscreen") } + arguments,
            headless());
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), result.err.constData());
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
