#include "PrometheusClient.h"

#include "DataSourceValidation.h"
#include "KeychainSecrets.h"
#include "PrometheusResponseParser.h"
#include "SecretReference.h"

#include <QCoro/QCoroFuture>
#include <QCoro/QCoroSignal>
#include <QCoro/QCoroTask>
#include <QFile>
#include <QNetworkReply>
#include <QPromise>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <utility>

namespace perfdash {

namespace {
    struct SecretOutcome {
        QString secret;
        QString error;
    };

    // Resolved at request time and dropped right after: the secret lives only in this request's header.
    QCoro::Task<SecretOutcome> readSecret(QString referenceText)
    {
        QString error;
        const auto reference = SecretReference::parse(referenceText, &error);
        if (!reference)
            co_return SecretOutcome { {}, error };
        if (reference->store == SecretReference::Store::Environment) {
            const QString value = qEnvironmentVariable(reference->name.toLocal8Bit().constData());
            if (value.isEmpty())
                co_return SecretOutcome { {},
                    QStringLiteral("the secret's environment variable %1 is not set (secret reference %2)")
                        .arg(reference->name, referenceText) };
            co_return SecretOutcome { value, {} };
        }
        // The job's callback completes a future, which this coroutine awaits.
        struct KeychainRead {
            KeychainOutcome outcome;
            QString secret;
        };
        auto promise = std::make_shared<QPromise<KeychainRead>>();
        QFuture<KeychainRead> read = promise->future();
        promise->start();
        readKeychainSecret(
            reference->name, reference->account, nullptr, [promise](KeychainOutcome outcome, QString secret) {
                promise->addResult(KeychainRead { std::move(outcome), std::move(secret) });
                promise->finish();
            });
        const KeychainRead answer = co_await read;
        if (answer.outcome.ok)
            co_return SecretOutcome { answer.secret, {} };
        co_return SecretOutcome { {},
            QStringLiteral("%1 (secret reference %2)").arg(answer.outcome.message, referenceText) };
    }

    // The API's times: unix seconds with milliseconds.
    QString unixSecondsText(qint64 ms) { return QString::number(double(ms) / 1000.0, 'f', 3); }

    // /api/v1/label/<name>/values, the name percent-encoded.
    QString labelValuesPath(const QString& label)
    {
        return QStringLiteral("/api/v1/label/%1/values").arg(QString::fromLatin1(QUrl::toPercentEncoding(label)));
    }

    QByteArray formEncode(const QList<std::pair<QString, QString>>& parameters)
    {
        // '+' must be escaped too: a form decoder reads it as a space, which breaks PromQL like `a + b`.
        QByteArray encoded;
        for (const auto& [name, value] : parameters) {
            if (!encoded.isEmpty())
                encoded += '&';
            encoded += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        }
        return encoded;
    }

    QString hostText(const QUrl& url)
    {
        return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    }

    QString formatBytes(qint64 bytes)
    {
        if (bytes >= 1024 * 1024)
            return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'g', 4);
        if (bytes >= 1024)
            return QStringLiteral("%1 kB").arg(double(bytes) / 1024.0, 0, 'g', 4);
        return QStringLiteral("%1 bytes").arg(bytes);
    }

    // The request coroutine resumes from inside the reply's event handling; deleting the reply there would pull
    // the object out from under that code, so it goes on the next event-loop pass. Guarded, because a callback
    // that destroys the client takes the network manager and its replies with it.
    class ReplyOwner {
    public:
        ~ReplyOwner() { reset(); }
        void reset(QNetworkReply* reply = nullptr)
        {
            if (m_reply)
                m_reply->deleteLater();
            m_reply = reply;
        }
        QNetworkReply* get() const { return m_reply; }

    private:
        QPointer<QNetworkReply> m_reply;
    };

    PrometheusResponse failure(QString message, int httpStatus = 0)
    {
        PrometheusResponse response;
        response.kind = PrometheusResponse::Kind::RequestFailed;
        response.error = std::move(message);
        response.httpStatus = httpStatus;
        return response;
    }
}

struct PrometheusClientRunner {
    using Endpoint = PrometheusClient::Endpoint;

    // Waits for the reply to finish. Unlike qCoro(reply).waitForFinished(), whose wake-up is a queued call
    // addressed to the reply and is lost (with the coroutine frame) when the reply is deleted first, the
    // coroutine is registered in m_inFlight, and whoever takes it out resumes it: the queued finished() or
    // the client's destructor. Queued, so the rest of the request never runs inside the reply's signal.
    struct ReplyFinished {
        PrometheusClient* client;
        QNetworkReply* reply;

        bool await_ready() const noexcept { return reply->isFinished(); }
        void await_suspend(std::coroutine_handle<> coroutine)
        {
            client->m_inFlight.insert(reply, coroutine);
            QObject::connect(
                reply, &QNetworkReply::finished, reply,
                [client = QPointer<PrometheusClient>(client), reply = reply, coroutine] {
                    if (client && client->m_inFlight.remove(reply))
                        coroutine.resume();
                },
                static_cast<Qt::ConnectionType>(Qt::QueuedConnection | Qt::SingleShotConnection));
        }
        void await_resume() const noexcept { }
    };

    // Runs on a worker thread.
    // QtConcurrent::run keeps its own copy of the arguments, so a reference here is to that copy.
    static PrometheusResponse parseBody(const QByteArray& body, Endpoint endpoint)
    {
        switch (endpoint) {
        case Endpoint::BuildInfo:
            return PrometheusResponseParser::parseBuildInfo(body);
        case Endpoint::Query:
        case Endpoint::QueryRange:
            return PrometheusResponseParser::parseQueryResponse(body);
        case Endpoint::Strings:
            return PrometheusResponseParser::parseStringList(body);
        case Endpoint::Series:
            return PrometheusResponseParser::parseSeries(body);
        }
        return PrometheusResponse {};
    }

    static QCoro::Task<> run(PrometheusClient* client, PrometheusClient::Request request)
    {
        QPointer<PrometheusClient> self(client);
        const auto deliver = [&](const PrometheusResponse& response) {
            if (!self || self->m_closing || (request.hasContext && !request.context))
                return;
            request.done(response);
        };
        const DataSourceSpec spec = client->m_spec;
        const PrometheusClientOptions options = client->m_options;

        QUrl url = spec.url;
        if (const QString problem = urlProblem(DataSourceKind::Prometheus, url,
                spec.url.toDisplayString(QUrl::RemoveUserInfo), UrlPlaceholders::Refused);
            !problem.isEmpty()) {
            deliver(failure(QStringLiteral("data source URL: ") + problem));
            co_return;
        }
        QString basePath = url.path();
        while (basePath.endsWith(QLatin1Char('/')))
            basePath.chop(1);
        url.setPath(basePath + request.path);
        url.setQuery(QString());
        url.setUserInfo(QString());

        QNetworkRequest httpRequest;
        httpRequest.setRawHeader("Accept", "application/json");
        httpRequest.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("perfdash/" PERFDASH_VERSION));
        // Qt 6.4.2 lacks the fix for CVE-2023-51714 (HPACK); servers we do not control get HTTP/1.1.
        httpRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        // Credentials must not follow a redirect to another host.
        httpRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
        httpRequest.setTransferTimeout(spec.queryTimeoutMs);

        if (url.scheme() == u"https") {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            if (!spec.caFile.isEmpty()) {
                QFile caFile(spec.caFile);
                if (!caFile.open(QIODevice::ReadOnly)) {
                    deliver(failure(
                        QStringLiteral("cannot read the CA file %1: %2").arg(spec.caFile, caFile.errorString())));
                    co_return;
                }
                const QList<QSslCertificate> authorities = QSslCertificate::fromData(caFile.readAll(), QSsl::Pem);
                if (authorities.isEmpty()) {
                    deliver(failure(QStringLiteral("the CA file %1 holds no PEM certificate").arg(spec.caFile)));
                    co_return;
                }
                // Only this CA: a server signed by any other root, public ones included, is refused.
                tls.setCaCertificates(authorities);
            }
            if (spec.skipTlsVerify)
                tls.setPeerVerifyMode(QSslSocket::VerifyNone); // the user's explicit, warned choice
            httpRequest.setSslConfiguration(tls);
        }

        if (spec.auth != DataSourceAuth::None) {
            const SecretOutcome secret = co_await readSecret(spec.secretRef);
            if (!self || self->m_closing)
                co_return;
            if (!secret.error.isEmpty()) {
                deliver(failure(QStringLiteral("cannot authenticate: ") + secret.error));
                co_return;
            }
            if (spec.auth == DataSourceAuth::Basic)
                httpRequest.setRawHeader(
                    "Authorization", "Basic " + (spec.username + QLatin1Char(':') + secret.secret).toUtf8().toBase64());
            else
                httpRequest.setRawHeader("Authorization", "Bearer " + secret.secret.toUtf8());
        }

        const QByteArray form = formEncode(request.parameters);
        ReplyOwner reply;
        if (form.size() > options.maxGetParameterBytes) {
            httpRequest.setUrl(url);
            httpRequest.setHeader(
                QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
            reply.reset(client->m_network.post(httpRequest, form));
        } else {
            if (!form.isEmpty())
                url.setQuery(QString::fromLatin1(form), QUrl::StrictMode);
            httpRequest.setUrl(url);
            reply.reset(client->m_network.get(httpRequest));
        }
        QNetworkReply* const raw = reply.get();

        bool tooLarge = false;
        bool timedOut = false;
        QStringList tlsReasons;
        QObject::connect(raw, &QNetworkReply::sslErrors, raw, [&tlsReasons](const QList<QSslError>& errors) {
            for (const QSslError& error : errors)
                tlsReasons << error.errorString();
        });
        // Checked as bytes arrive, so an oversized answer is cut off at the limit, not after buffering it all.
        QObject::connect(raw, &QNetworkReply::downloadProgress, raw, [&, raw](qint64 received, qint64 total) {
            if (!tooLarge && (received > options.maxResponseBytes || total > options.maxResponseBytes)) {
                tooLarge = true;
                raw->abort();
            }
        });
        // The transfer timeout restarts with every byte; this one bounds the whole request.
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, raw, [&timedOut, raw] {
            timedOut = true;
            raw->abort();
        });
        deadline.start(spec.queryTimeoutMs);

        co_await ReplyFinished { client, raw };
        deadline.stop();
        if (!self || self->m_closing)
            co_return;

        const int status = raw->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString where = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        const QNetworkReply::NetworkError netError = raw->error();
        if (tooLarge) {
            deliver(
                failure(QStringLiteral("the answer from %1 is larger than the %2 limit; narrow the query or the time "
                                       "range, or raise the limit")
                            .arg(hostText(url), formatBytes(options.maxResponseBytes))));
            co_return;
        }
        if (timedOut || netError == QNetworkReply::TimeoutError
            || (netError == QNetworkReply::OperationCanceledError && status == 0)) {
            deliver(failure(QStringLiteral("timeout: no complete answer from %1 within %2 s (the data source's query "
                                           "timeout)")
                                .arg(hostText(url), QString::number(spec.queryTimeoutMs / 1000.0, 'g', 3))));
            co_return;
        }
        if (status == 0 && netError != QNetworkReply::NoError) {
            switch (netError) {
            case QNetworkReply::SslHandshakeFailedError:
                deliver(failure(
                    QStringLiteral("TLS error with %1: %2")
                        .arg(hostText(url),
                            tlsReasons.isEmpty() ? raw->errorString() : tlsReasons.join(QStringLiteral("; ")))));
                break;
            case QNetworkReply::ConnectionRefusedError:
                deliver(failure(QStringLiteral("cannot reach %1: connection refused").arg(hostText(url))));
                break;
            case QNetworkReply::HostNotFoundError:
                deliver(failure(QStringLiteral("cannot reach %1: host not found").arg(hostText(url))));
                break;
            case QNetworkReply::RemoteHostClosedError:
                deliver(failure(QStringLiteral("cannot reach %1: the server closed the connection without answering")
                                    .arg(hostText(url))));
                break;
            default:
                deliver(failure(QStringLiteral("cannot reach %1: %2").arg(hostText(url), raw->errorString())));
                break;
            }
            co_return;
        }
        if (status == 401) {
            deliver(failure(QStringLiteral("authentication failed (HTTP 401) at %1: check the user name and the "
                                           "password or token")
                                .arg(hostText(url)),
                status));
            co_return;
        }
        if (status == 403) {
            deliver(failure(QStringLiteral("access denied (HTTP 403) at %1: these credentials may not read this data")
                                .arg(hostText(url)),
                status));
            co_return;
        }

        const QByteArray body = raw->readAll();
        reply.reset();
        // The future is a named local: g++ 12 destroys lambda captures inside a co_await expression twice.
        QFuture<PrometheusResponse> parsing = QtConcurrent::run(&parseBody, body, request.endpoint);
        PrometheusResponse response = co_await parsing;
        response.httpStatus = status;
        if (response.kind == PrometheusResponse::Kind::Malformed) {
            deliver(failure(status >= 200 && status < 300
                    ? QStringLiteral("%1 is not a Prometheus API: %2").arg(where, response.error)
                    : QStringLiteral("%1 is not a Prometheus API: HTTP %2").arg(where).arg(status),
                status));
            co_return;
        }
        if (response.ok() && (status < 200 || status >= 300)) {
            deliver(failure(QStringLiteral("%1 answered HTTP %2 with a success body").arg(where).arg(status), status));
            co_return;
        }
        if (response.ok() && request.endpoint == Endpoint::QueryRange
            && response.result.type != QueryResultType::Matrix) {
            deliver(failure(QStringLiteral("expected a range result (matrix) from query_range, got a %1")
                                .arg(queryResultTypeName(response.result.type))));
            co_return;
        }
        if (response.ok() && request.endpoint == Endpoint::Query && response.result.type != QueryResultType::Vector
            && response.result.type != QueryResultType::Scalar) {
            deliver(failure(QStringLiteral("expected an instant result (vector or scalar) from query, got a %1")
                                .arg(queryResultTypeName(response.result.type))));
            co_return;
        }
        deliver(response);
    }
};

PrometheusClient::PrometheusClient(DataSourceSpec spec, PrometheusClientOptions options, QObject* parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_options(options)
{
    m_network.setAutoDeleteReplies(false); // each request owns its reply
}

PrometheusClient::~PrometheusClient()
{
    m_closing = true;
    // Each waiting request is aborted and resumed here, while the client is whole; it sees m_closing and ends
    // without calling back, freeing its coroutine frame.
    const auto inFlight = std::exchange(m_inFlight, {});
    for (auto it = inFlight.begin(); it != inFlight.end(); ++it) {
        it.key()->abort();
        it.value().resume();
    }
}

void PrometheusClient::send(Request request)
{
    request.hasContext = request.context != nullptr;
    PrometheusClientRunner::run(this, std::move(request));
}

void PrometheusClient::testConnection(QObject* context, Callback done)
{
    send({ Endpoint::BuildInfo, QStringLiteral("/api/v1/status/buildinfo"), {}, context, false, std::move(done) });
}

void PrometheusClient::queryRange(
    const QString& expression, qint64 fromMs, qint64 toMs, double stepSeconds, QObject* context, Callback done)
{
    send({ Endpoint::QueryRange, QStringLiteral("/api/v1/query_range"),
        { { QStringLiteral("query"), expression }, { QStringLiteral("start"), unixSecondsText(fromMs) },
            { QStringLiteral("end"), unixSecondsText(toMs) },
            { QStringLiteral("step"), QString::number(stepSeconds, 'g', 10) },
            { QStringLiteral("timeout"), QStringLiteral("%1ms").arg(m_spec.queryTimeoutMs) } },
        context, false, std::move(done) });
}

void PrometheusClient::queryInstant(const QString& expression, qint64 atMs, QObject* context, Callback done)
{
    send({ Endpoint::Query, QStringLiteral("/api/v1/query"),
        { { QStringLiteral("query"), expression }, { QStringLiteral("time"), unixSecondsText(atMs) },
            { QStringLiteral("timeout"), QStringLiteral("%1ms").arg(m_spec.queryTimeoutMs) } },
        context, false, std::move(done) });
}

void PrometheusClient::labelNames(QObject* context, Callback done)
{
    send({ Endpoint::Strings, QStringLiteral("/api/v1/labels"), {}, context, false, std::move(done) });
}

void PrometheusClient::labelValues(const QString& label, QObject* context, Callback done)
{
    send({ Endpoint::Strings, labelValuesPath(label), {}, context, false, std::move(done) });
}

void PrometheusClient::labelValues(
    const QString& label, const QString& match, qint64 fromMs, qint64 toMs, QObject* context, Callback done)
{
    QList<std::pair<QString, QString>> parameters
        = { { QStringLiteral("start"), unixSecondsText(fromMs) }, { QStringLiteral("end"), unixSecondsText(toMs) } };
    if (!match.trimmed().isEmpty())
        parameters.prepend({ QStringLiteral("match[]"), match.trimmed() });
    send({ Endpoint::Strings, labelValuesPath(label), parameters, context, false, std::move(done) });
}

void PrometheusClient::series(const QString& match, qint64 fromMs, qint64 toMs, QObject* context, Callback done)
{
    send({ Endpoint::Series, QStringLiteral("/api/v1/series"),
        { { QStringLiteral("match[]"), match }, { QStringLiteral("start"), unixSecondsText(fromMs) },
            { QStringLiteral("end"), unixSecondsText(toMs) } },
        context, false, std::move(done) });
}

} // namespace perfdash
