#pragma once

namespace perfdash {

class DashboardView;
class PanelQueryRunner;
class QueryTimeBar;

// Shows a runner's results on a dashboard view: each panel's state, and the Targets table's current value
// once a panel's queries answered. With a bar, its time settings and Refresh drive the runner and it shows
// the source's status. The runner reads the view's panels at each refresh.
void bindPanelQueries(PanelQueryRunner* runner, DashboardView* view, QueryTimeBar* bar = nullptr);

} // namespace perfdash
