#pragma once

#include "PanelWindowPoints.h"

#include <QStringList>

namespace perfdash {

struct QueryWindowValues {
    QList<PanelWindowPoints> panels; // in the order asked, each with its series from both windows
    QStringList errors; // one line per panel that could not be answered, naming it and why
};

// The PromQL panels' values in both windows: each panel's expr as one range query per window, both at the step
// WindowRangeQuery::commonStepSeconds gives (the panel's stepSeconds override, or ~1,000 points over the longer
// window), through its dashboard source. Series are matched across windows by their legend name. All panels
// are asked at once; this returns when every answer is in (each request is bounded by its source's timeout).
QueryWindowValues queryWindowValues(
    const DashboardSpec& dashboard, const QList<PanelSpec>& panels, const WindowPair& windows);

} // namespace perfdash
