#pragma once

#include "DataSourceSpec.h"
#include "PrometheusResponse.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <coroutine>
#include <functional>

class QNetworkReply;

namespace perfdash {

struct PrometheusClientOptions {
    // Larger answers are aborted as soon as the limit is passed (Content-Length or bytes received).
    qint64 maxResponseBytes = 256LL * 1024 * 1024;
    // Requests whose encoded parameters are longer go as POST application/x-www-form-urlencoded.
    int maxGetParameterBytes = 1024;
};

// Talks to anything that speaks the Prometheus HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics) for
// one DataSourceSpec. Each call sends one request and calls `done` once, on this object's thread, with
// the parsed answer or a user-facing reason. Secrets are read from their reference at request time and
// kept nowhere; bodies are parsed on a worker thread, so a big answer never stalls the caller's thread.
// `context` guards the callback: if it is destroyed first, `done` is not called.
class PrometheusClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const PrometheusResponse&)>;

    explicit PrometheusClient(DataSourceSpec spec, PrometheusClientOptions options = {}, QObject* parent = nullptr);
    ~PrometheusClient() override;

    const DataSourceSpec& spec() const { return m_spec; }

    // /api/v1/status/buildinfo: response.version on success.
    void testConnection(QObject* context, Callback done);
    // /api/v1/query_range: a matrix in response.result, anything else is an error.
    void queryRange(
        const QString& expression, qint64 fromMs, qint64 toMs, double stepSeconds, QObject* context, Callback done);
    // /api/v1/query at a time: a vector or scalar in response.result.
    void queryInstant(const QString& expression, qint64 atMs, QObject* context, Callback done);
    // Autocomplete: /api/v1/labels, /api/v1/label/<name>/values (response.strings), /api/v1/series.
    void labelNames(QObject* context, Callback done);
    void labelValues(const QString& label, QObject* context, Callback done);
    // Values of `label` on the series matching `match` (any series when empty) within [fromMs, toMs].
    void labelValues(
        const QString& label, const QString& match, qint64 fromMs, qint64 toMs, QObject* context, Callback done);
    void series(const QString& match, qint64 fromMs, qint64 toMs, QObject* context, Callback done);

private:
    enum class Endpoint { BuildInfo, Query, QueryRange, Strings, Series };
    struct Request {
        Endpoint endpoint;
        QString path;
        QList<std::pair<QString, QString>> parameters;
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
    };
    void send(Request request);
    friend struct PrometheusClientRunner; // the request coroutine, kept out of this header

    DataSourceSpec m_spec;
    PrometheusClientOptions m_options;
    QNetworkAccessManager m_network;
    // Each request waiting for its reply, with the coroutine to resume: the destructor resumes them itself, because
    // the queued wake-up addressed to a reply dies with the reply when the network manager deletes it.
    QHash<QNetworkReply*, std::coroutine_handle<>> m_inFlight;
    bool m_closing = false;
};

} // namespace perfdash
