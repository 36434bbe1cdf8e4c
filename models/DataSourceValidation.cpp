#include "DataSourceValidation.h"

#include "SecretReference.h"

namespace perfdash {

QString urlProblem(DataSourceKind kind, const QUrl& url, const QString& text, UrlPlaceholders placeholders)
{
    const bool stream = kind == DataSourceKind::Stream;
    const QUrl placeholder = stream ? embeddedDemoUrl() : appPrometheusUrl();
    if (placeholders == UrlPlaceholders::Allowed && url == placeholder)
        return {};
    const QString scheme = url.scheme();
    const bool schemeFits = stream ? (scheme == u"ws" || scheme == u"wss") : (scheme == u"http" || scheme == u"https");
    if (!url.isValid() || !schemeFits || url.host().isEmpty()) {
        const QString expected = stream
            ? QStringLiteral("a stream needs a ws:// or wss:// URL with a host")
            : QStringLiteral("a Prometheus server needs an http:// or https:// URL with a host");
        const QString orPlaceholder = placeholders == UrlPlaceholders::Refused ? QString()
            : stream ? QStringLiteral(" (or \"demo:\" for the embedded demo)")
                     : QStringLiteral(" (or \"local:\" for the app's own Prometheus)");
        return QStringLiteral("%1%2, not \"%3\"").arg(expected, orPlaceholder, text);
    }
    if (!url.password().isEmpty())
        return QStringLiteral("the URL holds a password; secrets are never stored with a data source, use basic "
                              "authentication with a \"secretRef\"");
    return {};
}

DataSourceProblem authProblem(const DataSourceSpec& source)
{
    // A reference is checked whenever there is one, so a file cannot hold one the dialog would refuse.
    QString error;
    if (!source.secretRef.isEmpty() && !SecretReference::parse(source.secretRef, &error))
        return { QStringLiteral("secretRef"), error };
    if (source.auth == DataSourceAuth::None)
        return {};
    if (source.secretRef.isEmpty()) {
        return { QStringLiteral("secretRef"),
            QStringLiteral("missing (auth \"%1\" needs a secret reference)")
                .arg(source.auth == DataSourceAuth::Basic ? QStringLiteral("basic") : QStringLiteral("bearer")) };
    }
    if (source.auth == DataSourceAuth::Basic && source.username.isEmpty())
        return { QStringLiteral("username"), QStringLiteral("missing (auth \"basic\" needs a user name)") };
    return {};
}

DataSourceProblem dataSourceProblem(const DataSourceSpec& source, UrlPlaceholders placeholders)
{
    const QString urlText = source.url.toString(QUrl::RemovePassword);
    if (const QString problem = urlProblem(source.kind, source.url, urlText, placeholders); !problem.isEmpty())
        return { QStringLiteral("url"), problem };
    return authProblem(source);
}

} // namespace perfdash
