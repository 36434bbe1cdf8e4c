#include "PanelQueryBinding.h"

#include "ChartPanel.h"
#include "DashboardView.h"
#include "PanelQueryRunner.h"
#include "QueryTimeBar.h"
#include "TargetTableModel.h"

namespace perfdash {

void bindPanelQueries(PanelQueryRunner* runner, DashboardView* view, QueryTimeBar* bar)
{
    runner->setPanels([view] { return view->panelQueries(); });
    QObject::connect(
        runner, &PanelQueryRunner::panelStateChanged, view, [view](int index, const PanelQueryState& state) {
            if (ChartPanel* panel = view->panels().value(index))
                panel->setQueryState(state);
        });
    QObject::connect(runner, &PanelQueryRunner::panelAnswered, view, [view](int index) {
        if (ChartPanel* panel = view->panels().value(index))
            view->targetModel()->setCurrentValue(index, panel->currentValue());
    });
    if (!bar)
        return;
    runner->setSettings(bar->settings());
    QObject::connect(bar, &QueryTimeBar::settingsChanged, runner, &PanelQueryRunner::setSettings);
    QObject::connect(bar, &QueryTimeBar::refreshRequested, runner, &PanelQueryRunner::refreshNow);
    QObject::connect(runner, &PanelQueryRunner::statusChanged, bar, [bar](const ConnectionStatus& status) {
        bar->setSourceStatus(status.detail, status.state != ConnectionState::Failed);
    });
}

} // namespace perfdash
