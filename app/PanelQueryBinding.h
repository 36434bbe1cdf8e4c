#pragma once

#include <QList>

namespace perfdash {

class ChartPanel;
class DashboardView;
class PanelQueryRunner;
class QueryTimeBar;

// Shows a runner's results on a dashboard view: each panel's state, and the Targets table's current value
// once a panel's queries answered. With a bar, its time settings and Refresh drive the runner and it shows
// the source's status. The runner reads the view's panels at each refresh.
void bindPanelQueries(PanelQueryRunner* runner, DashboardView* view, QueryTimeBar* bar = nullptr);
// The same for panels that belong to no view (a headless snapshot's); they must outlive the runner.
void bindPanelQueries(PanelQueryRunner* runner, const QList<ChartPanel*>& panels);

} // namespace perfdash
