#include "WindowRangeQuery.h"

#include "PrometheusClient.h"
#include "QueryTimeSettings.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace perfdash {

double WindowRangeQuery::commonStepSeconds(const QList<TimeWindow>& windows, double overrideSeconds, int columns)
{
    qint64 longest = 0;
    for (const TimeWindow& window : windows)
        longest = std::max(longest, window.toMs - window.fromMs);
    if (overrideSeconds > 0)
        return queryStepSeconds(longest, columns, overrideSeconds);
    // Never finer than a common scrape interval: steps between two scrapes repeat the same sample, and
    // repeats only lengthen the blocks of the comparison without adding information.
    return std::max(minimumComparisonStepSeconds, queryStepSeconds(longest, columns, overrideSeconds));
}

void WindowRangeQuery::run(PrometheusClient& client, const QString& expression, const QList<TimeWindow>& windows,
    double stepSeconds, QObject* context, std::function<void(const QList<PrometheusResponse>&)> done)
{
    struct Pending {
        QList<PrometheusResponse> responses;
        qsizetype outstanding = 0;
        std::function<void(const QList<PrometheusResponse>&)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->responses.resize(windows.size());
    pending->outstanding = windows.size();
    pending->done = std::move(done);
    if (windows.isEmpty()) {
        pending->done({});
        return;
    }
    for (qsizetype index = 0; index < windows.size(); ++index) {
        const TimeWindow window = windows[index];
        client.queryRange(expression, window.fromMs, window.toMs, stepSeconds, context,
            [pending, index, window](const PrometheusResponse& response) {
                PrometheusResponse& kept = pending->responses[index];
                kept = response;
                if (kept.ok())
                    kept.result = cutToWindow(kept.result, window);
                if (--pending->outstanding == 0)
                    pending->done(pending->responses);
            });
    }
}

QueryResult WindowRangeQuery::cutToWindow(const QueryResult& result, const TimeWindow& window)
{
    QueryResult cut = result;
    for (QuerySeries& series : cut.series) {
        series.points.removeIf([&](const QPointF& point) { return !window.contains(std::llround(point.x())); });
    }
    return cut;
}

} // namespace perfdash
