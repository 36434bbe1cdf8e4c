#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// A server binary a test starts on a free 127.0.0.1 port and stops with this object: VictoriaMetrics, or a
// Prometheus with a config written by the test (federation). Its files live in a temporary folder.
class ServerProcess {
public:
    ServerProcess();
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // The port it will listen on, chosen at construction, and a file in its folder; both go into its
    // arguments and config before start().
    quint16 port() const { return m_port; }
    QString filePath(const QString& name) const { return m_dir.filePath(name); }
    bool writeFile(const QString& name, const QByteArray& contents) const;
    // Starts `program` and waits until GET readyPath answers 200 (at most timeoutMs). False with *error,
    // which holds the server's last output.
    bool start(const QString& program, const QStringList& arguments, const QString& readyPath, int timeoutMs,
        QString* error);
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QString log() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};
