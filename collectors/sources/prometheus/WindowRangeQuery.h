#pragma once

#include "PrometheusResponse.h"
#include "TimeWindow.h"

#include <QList>
#include <QString>
#include <functional>

class QObject;

namespace perfdash {

class PrometheusClient;

// One PromQL expression as a range query over each of several time windows (before and after a deploy),
// all at the same step, so that a window's sample count and smoothing do not differ from the other's and
// the comparison sees like against like. Used by `perfdash compare-windows` and the GUI's window comparison.
class WindowRangeQuery {
public:
    static constexpr double minimumComparisonStepSeconds = 5;
    // About one point per column of the longest window but at least 5 s, or the panel's step override.
    static double commonStepSeconds(const QList<TimeWindow>& windows, double overrideSeconds, int columns = 1000);

    // One response per window, in the windows' order, once all have answered (`done` is called once, on the
    // client's thread, unless `context` is destroyed first). Each query asks [fromMs, toMs] and the matrix
    // is then cut to the half-open window, so a point at the boundary counts for the later window only.
    static void run(PrometheusClient& client, const QString& expression, const QList<TimeWindow>& windows,
        double stepSeconds, QObject* context, std::function<void(const QList<PrometheusResponse>&)> done);

    // The points of `result` inside the window; series left with no point are kept (they were asked).
    static QueryResult cutToWindow(const QueryResult& result, const TimeWindow& window);
};

} // namespace perfdash
