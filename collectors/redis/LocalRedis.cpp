#include "LocalRedis.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>

namespace perfdash {

namespace {
    quint16 freeLocalPort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        return probe.serverPort();
    }

    // A redis.conf string: quoted, with the escapes redis-server reads back (\\, \", \xHH for the rest).
    QByteArray quotedConfigString(const QString& text)
    {
        QByteArray quoted = "\"";
        for (const char c : text.toUtf8()) {
            if (c == '\\' || c == '"')
                quoted += '\\';
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                quoted += "\\x" + QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0');
            else
                quoted += c;
        }
        return quoted + '"';
    }
}

LocalRedis::LocalRedis() = default;

LocalRedis::~LocalRedis()
{
    if (!m_process)
        return;
    m_process->terminate(); // SIGTERM: redis-server exits at once without persistence to write
    if (!m_process->waitForFinished(3000)) {
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

QString LocalRedis::binary()
{
    QString configured = qEnvironmentVariable("PERFDASH_REDIS_SERVER");
    if (!configured.isEmpty())
        return configured;
    QString found = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(QStringLiteral("redis-server"), { QStringLiteral("/usr/bin") });
    return found;
}

bool LocalRedis::start(QString* error)
{
    const QString program = binary();
    if (program.isEmpty()) {
        *error = QStringLiteral("redis-server not found: install Debian's redis-server (scripts/setup-debian "
                                "does), set PERFDASH_REDIS_SERVER, or give redis=redis://host:port of a server");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory for redis-server: %1").arg(m_dir.errorString());
        return false;
    }
    // The port is free when probed but may be taken before redis-server binds it: try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freeLocalPort();
        if (m_port == 0) {
            *error = QStringLiteral("no free port on 127.0.0.1 for redis-server");
            return false;
        }
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setWorkingDirectory(m_dir.path());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("PERFDASH_REDIS_PASSWORD")); // the client's secret, not the server's
        m_process->setProcessEnvironment(environment);
        QStringList arguments;
        // A password goes in a file only we can read, not on the command line that ps shows.
        if (!m_password.isEmpty()) {
            QFile config(m_dir.filePath(QStringLiteral("redis.conf")));
            if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)
                || !config.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                || config.write("requirepass " + quotedConfigString(m_password) + "\n") < 0) {
                *error = QStringLiteral("cannot write %1: %2").arg(config.fileName(), config.errorString());
                return false;
            }
            arguments << config.fileName();
        }
        arguments << QStringLiteral("--port") << QString::number(m_port) << QStringLiteral("--bind")
                  << QStringLiteral("127.0.0.1") << QStringLiteral("--dir") << m_dir.path() << QStringLiteral("--save")
                  << QString() << QStringLiteral("--appendonly") << QStringLiteral("no")
                  << QStringLiteral("--daemonize") << QStringLiteral("no") << QStringLiteral("--logfile") << QString();
        m_process->start(program, arguments);
        if (!m_process->waitForStarted(5000)) {
            *error = QStringLiteral("cannot run %1: %2").arg(program, m_process->errorString());
            m_process.reset();
            return false;
        }
        m_log.clear();
        const QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            m_process->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            m_log += m_process->readAll();
            if (m_log.contains("Ready to accept connections"))
                return true;
        }
        m_log += m_process->readAll();
        const bool portTaken = m_log.contains("Address already in use");
        m_process->kill();
        m_process->waitForFinished(3000);
        m_process.reset();
        if (!portTaken)
            break;
    }
    // redis-server quotes a config line it cannot read: keep a requirepass line out of the message.
    QByteArrayList logLines = m_log.right(600).split('\n');
    logLines.removeIf([](const QByteArray& line) { return line.contains("requirepass"); });
    *error = QStringLiteral("redis-server did not start on 127.0.0.1:%1: %2")
                 .arg(m_port)
                 .arg(QString::fromLocal8Bit(logLines.join('\n')).trimmed());
    return false;
}

void LocalRedis::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(3000);
}

bool LocalRedis::isRunning() const { return m_process && m_process->state() == QProcess::Running; }

RedisAddress LocalRedis::address() const
{
    RedisAddress address;
    address.host = QStringLiteral("127.0.0.1");
    address.port = m_port;
    return address;
}

} // namespace perfdash
