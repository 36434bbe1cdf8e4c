#pragma once

#include "QueryTimeSettings.h"

#include <QList>

namespace perfdash {

class ChartPanel;
class DashboardView;
class PanelQueryRunner;
class QueryTimeBar;

// Shows a runner's results on a dashboard view: each panel's state, and the Targets table's current value
// once a panel's queries answered. With a bar, its time settings and Refresh drive the runner and it shows
// the source's status. The runner reads the view's panels at each refresh. Zooming or panning the view
// queries its range (the step recomputed for it); going live returns to the relative range.
void bindPanelQueries(PanelQueryRunner* runner, DashboardView* view, QueryTimeBar* bar = nullptr);
// The runner's range for a view: the range it is zoomed to, or the last settings.lastMs while it is live.
QueryTimeSettings followNavigation(QueryTimeSettings settings, const DashboardView& view);
// The same for panels that belong to no view (a headless snapshot's); they must outlive the runner.
void bindPanelQueries(PanelQueryRunner* runner, const QList<ChartPanel*>& panels);

} // namespace perfdash
