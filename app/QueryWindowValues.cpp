#include "QueryWindowValues.h"

#include "HeatmapSummary.h"
#include "PanelQueryState.h"
#include "PrometheusClient.h"
#include "WindowRangeQuery.h"

#include <QEventLoop>
#include <QObject>
#include <memory>
#include <vector>

namespace perfdash {

namespace {
    const DataSourceSpec* prometheusSource(const DashboardSpec& dashboard, const QString& id)
    {
        for (const DataSourceSpec& source : dashboard.sources) {
            if (source.id == id && source.kind == DataSourceKind::Prometheus)
                return &source;
        }
        return nullptr;
    }

    QString sourceText(const DataSourceSpec& source)
    {
        return QStringLiteral("source \"%1\" (%2)").arg(source.id, source.url.toDisplayString(QUrl::RemoveUserInfo));
    }
}

QueryWindowValues queryWindowValues(
    const DashboardSpec& dashboard, const QList<PanelSpec>& panels, const WindowPair& windows)
{
    QueryWindowValues values;
    std::vector<std::unique_ptr<PrometheusClient>> clients;
    QObject context;
    qsizetype outstanding = 0;
    QEventLoop loop;
    for (const PanelSpec& spec : panels) {
        const DataSourceSpec* source = prometheusSource(dashboard, spec.sourceId);
        const QString panelName = QStringLiteral("panel \"%1\": ").arg(spec.title);
        if (!source) {
            values.errors << panelName
                    + QStringLiteral("the dashboard has no Prometheus data source \"%1\"").arg(spec.sourceId);
            continue;
        }
        if (source->url == appPrometheusUrl()) {
            // Callers resolve "local:" to the session's own server first (resolveLocalSources); one left here
            // has no server to ask.
            values.errors << panelName
                    + QStringLiteral("%1 is the app's own Prometheus, which only this run's session can answer; "
                                     "give the source a server URL")
                          .arg(sourceText(*source));
            continue;
        }
        // One client per panel keeps this simple; the requests are few (two per panel).
        clients.push_back(std::make_unique<PrometheusClient>(*source));
        const double step = WindowRangeQuery::commonStepSeconds({ windows.before, windows.after }, spec.stepSeconds);
        const qsizetype index = values.panels.size();
        values.panels << PanelWindowPoints { spec, {} };
        ++outstanding;
        WindowRangeQuery::run(*clients.back(), spec.query, { windows.before, windows.after }, step, &context,
            [&, index, panelName, source = *source](const QList<PrometheusResponse>& responses) {
                PanelWindowPoints& panel = values.panels[index];
                for (qsizetype side = 0; side < responses.size(); ++side) {
                    const PrometheusResponse& response = responses[side];
                    if (!response.ok()) {
                        values.errors << panelName + sourceText(source) + QStringLiteral(": ") + response.message();
                        break;
                    }
                    // A heatmap is compared by its quantile lines, as the GUI compares it.
                    const QList<PanelLine> lines = panel.spec.isHeatmap()
                        ? heatmapLines(framesFromQuerySeries(response.result.series, qint64(step * 1000)), panel.spec)
                        : panelLinesFor(response.result.series, panel.spec.legendFormat);
                    for (const PanelLine& line : lines)
                        addWindowPoints(panel, line.name, line.points, side == 1);
                }
                if (--outstanding == 0)
                    loop.quit();
            });
    }
    if (outstanding > 0)
        loop.exec();
    return values;
}

} // namespace perfdash
