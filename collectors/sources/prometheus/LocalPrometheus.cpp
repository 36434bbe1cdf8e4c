#include "LocalPrometheus.h"

#include <QFile>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace perfdash {

LocalPrometheus::LocalPrometheus(QObject* parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    // Should perfdash die without running its destructors, the server goes with it instead of lingering.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(&m_process, &QProcess::readyRead, this, [this] {
        m_log += m_process.readAll();
        if (m_log.size() > 64 * 1024)
            m_log = m_log.right(32 * 1024); // the tail is what explains a failure
    });
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        m_poll.stop();
        if (m_stopping)
            return;
        const QString lastLines = log().trimmed().split(QLatin1Char('\n')).mid(-3).join(QStringLiteral(" / "));
        m_ready = false;
        Q_EMIT failed(QStringLiteral("the local Prometheus exited (code %1): %2").arg(exitCode).arg(lastLines));
    });
    m_poll.setInterval(200);
    connect(&m_poll, &QTimer::timeout, this, &LocalPrometheus::pollReady);
}

LocalPrometheus::~LocalPrometheus() { stop(); }

QString LocalPrometheus::binary()
{
    QString configured = qEnvironmentVariable("PERFDASH_PROMETHEUS");
    if (!configured.isEmpty())
        return configured;
    return QStandardPaths::findExecutable(QStringLiteral("prometheus"));
}

bool LocalPrometheus::start(const QStringList& targets, int scrapeIntervalMs, QString* error)
{
    m_targets = targets;
    const QString program = binary();
    if (program.isEmpty()) {
        *error = QStringLiteral("no `prometheus` binary on PATH: install it with `sudo apt install prometheus` (the "
                                "perfdash package recommends it), or point perfdash at a server with --prometheus URL");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory for the local Prometheus: %1")
                     .arg(m_dir.errorString());
        return false;
    }
    // A free port: bind port 0, read it back, release it for Prometheus (it reports a clash if one happens).
    quint16 port = 0;
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("no free loopback port for the local Prometheus: %1").arg(probe.errorString());
            return false;
        }
        port = probe.serverPort();
    }
    QStringList quoted;
    for (const QString& target : targets)
        quoted << QStringLiteral("'%1'").arg(target);
    const QString interval = QStringLiteral("%1ms").arg(scrapeIntervalMs);
    QFile config(m_dir.filePath(QStringLiteral("prometheus.yml")));
    if (!config.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(config.fileName(), config.errorString());
        return false;
    }
    config.write(QStringLiteral("global:\n  scrape_interval: %1\n  evaluation_interval: %1\n"
                                "scrape_configs:\n  - job_name: perfdash-demo\n    scrape_interval: %1\n"
                                "    scrape_timeout: %1\n    static_configs:\n      - targets: [%2]\n")
                     .arg(interval, quoted.join(QStringLiteral(", ")))
                     .toUtf8());
    config.close();

    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(m_routePrefix));
    m_process.setProgram(program);
    QStringList arguments { QStringLiteral("--config.file=") + config.fileName(),
        QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
        QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port), QStringLiteral("--log.level=warn") };
    if (!m_features.isEmpty())
        arguments << QStringLiteral("--enable-feature=") + m_features.join(u',');
    if (!m_routePrefix.isEmpty())
        arguments << QStringLiteral("--web.route-prefix=") + m_routePrefix;
    m_process.setArguments(arguments);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
        return false;
    }
    m_attempts = 0;
    m_poll.start();
    return true;
}

void LocalPrometheus::pollReady()
{
    if (++m_attempts > 150) { // 30 s
        m_poll.stop();
        Q_EMIT failed(
            QStringLiteral("the local Prometheus at %1 did not become ready within 30 s").arg(m_url.toString()));
        return;
    }
    QUrl readyUrl = m_url;
    readyUrl.setPath(m_url.path() + QStringLiteral("/-/ready"));
    QNetworkRequest request(readyUrl);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(1000);
    QNetworkReply* reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (m_ready || m_stopping)
            return;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
            m_ready = true;
            m_poll.stop();
            Q_EMIT ready();
        }
    });
}

void LocalPrometheus::stop()
{
    m_stopping = true;
    m_poll.stop();
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
}

} // namespace perfdash
