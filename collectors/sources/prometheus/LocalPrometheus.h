#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace perfdash {

// A private Prometheus server (the `prometheus` binary, Debian package "prometheus") started as a child
// process on a free 127.0.0.1 port, with a temporary config and temporary storage, scraping the given
// targets. Used by the GUI for the demo and by the integration tests; stopped and cleaned up with this object.
class LocalPrometheus : public QObject {
    Q_OBJECT
public:
    explicit LocalPrometheus(QObject* parent = nullptr);
    ~LocalPrometheus() override;

    // Starts the server scraping `targets` ("127.0.0.1:PORT", path /metrics). Emits ready() once it answers
    // /-/ready, or failed(reason). False (and *error) when it cannot even be started.
    bool start(const QStringList& targets, int scrapeIntervalMs, QString* error);
    // Prometheus's feature flags for the next start(), as --enable-feature takes them ("native-histograms").
    void setFeatures(const QStringList& features) { m_features = features; }
    // Serve under a path ("/prometheus", --web.route-prefix), as behind a reverse proxy; url() then has it.
    void setRoutePrefix(const QString& prefix) { m_routePrefix = prefix; }
    void stop();

    QUrl url() const { return m_url; }
    // What it scrapes, as given to start().
    QStringList targets() const { return m_targets; }
    // The server's own log, for error messages.
    QString log() const { return QString::fromLocal8Bit(m_log); }

    // The binary to run: $PERFDASH_PROMETHEUS if set, else `prometheus` on PATH (empty if absent).
    static QString binary();

Q_SIGNALS:
    void ready();
    void failed(const QString& reason);

private:
    void pollReady();

    QTemporaryDir m_dir;
    QProcess m_process;
    QNetworkAccessManager m_network;
    QTimer m_poll;
    QUrl m_url;
    QStringList m_targets;
    QStringList m_features;
    QString m_routePrefix;
    QByteArray m_log;
    bool m_ready = false;
    bool m_stopping = false;
    int m_attempts = 0;
};

} // namespace perfdash
