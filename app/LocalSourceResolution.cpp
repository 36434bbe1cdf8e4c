#include "LocalSourceResolution.h"

#include "AppPrometheus.h"
#include "GuiSession.h"
#include "PrometheusPage.h"
#include "StreamCollection.h"

namespace perfdash {

ResolvedSources resolveLocalSources(
    GuiSession& session, const DashboardSpec& dashboard, const QElapsedTimer& clock, qint64 budgetMs)
{
    ResolvedSources resolved;
    const QString waitText = QStringLiteral("%1 s (--wait)").arg(double(budgetMs) / 1000.0);
    for (const DataSourceSpec& source : dashboard.sources) {
        if (source.kind != DataSourceKind::Prometheus || source.url != appPrometheusUrl()) {
            resolved.sources << source;
            continue;
        }
        PrometheusPage* page = session.prometheusPage();
        if (!page) {
            resolved.failures.insert(source.id,
                QStringLiteral("source \"%1\" is \"local:\", but this run has no Prometheus of its own")
                    .arg(source.id));
            continue;
        }
        const AppPrometheus* server = page->server();
        waitFor(clock, budgetMs, [server] { return server->pendingReason().isEmpty(); });
        const LocalSourceResolution local = server->resolve(source);
        if (!local.pendingReason.isEmpty())
            resolved.failures.insert(source.id,
                QStringLiteral("source \"%1\": still %2 after %3").arg(source.id, local.pendingReason, waitText));
        else if (!local.failureReason.isEmpty())
            resolved.failures.insert(
                source.id, QStringLiteral("source \"%1\": %2").arg(source.id, local.failureReason));
        else
            resolved.sources << local.source;
    }
    return resolved;
}

} // namespace perfdash
