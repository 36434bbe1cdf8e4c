#include "ServerProcess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTimer>

ServerProcess::ServerProcess()
{
    QTcpServer probe; // a free port: bound, read back and released for the server
    if (probe.listen(QHostAddress::LocalHost, 0))
        m_port = probe.serverPort();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerProcess::writeFile(const QString& name, const QByteArray& contents) const
{
    QFile file(filePath(name));
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

QString ServerProcess::log() const
{
    auto* process = const_cast<QProcess*>(&m_process);
    return QString::fromLocal8Bit(process->peek(1 << 20).right(2000));
}

bool ServerProcess::start(
    const QString& program, const QStringList& arguments, const QString& readyPath, int timeoutMs, QString* error)
{
    if (m_port == 0 || !m_dir.isValid()) {
        *error = QStringLiteral("no free loopback port or temporary folder for %1").arg(program);
        return false;
    }
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("%1 did not start: %2").arg(program, m_process.errorString());
        return false;
    }
    QNetworkAccessManager network;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (m_process.state() == QProcess::NotRunning) {
            *error = QStringLiteral("%1 exited: %2").arg(program, log());
            return false;
        }
        QNetworkRequest request(url().resolved(QUrl(readyPath)));
        request.setTransferTimeout(1000);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        QNetworkReply* reply = network.get(request);
        QEventLoop wait;
        QObject::connect(reply, &QNetworkReply::finished, &wait, &QEventLoop::quit);
        wait.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status == 200)
            return true;
        QEventLoop pause;
        QTimer::singleShot(200, &pause, &QEventLoop::quit);
        pause.exec();
    }
    *error = QStringLiteral("%1 was not ready at %2 within %3 ms: %4").arg(program, readyPath).arg(timeoutMs).arg(log());
    return false;
}
