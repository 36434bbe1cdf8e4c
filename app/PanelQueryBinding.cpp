#include "PanelQueryBinding.h"

#include "ChartPanel.h"
#include "DashboardView.h"
#include "PanelQueryRunner.h"
#include "QueryTimeBar.h"
#include "TargetTableModel.h"

#include <functional>

namespace perfdash {

namespace {
    // The panels by index, as the runner numbers them; read anew at every refresh and answer.
    void showStates(PanelQueryRunner* runner, QObject* context, const std::function<QList<ChartPanel*>()>& panels)
    {
        runner->setPanels([panels] {
            QList<PanelQuery> queries;
            for (const ChartPanel* panel : panels())
                queries << panel->panelQuery();
            return queries;
        });
        QObject::connect(
            runner, &PanelQueryRunner::panelStateChanged, context, [panels](int index, const PanelQueryState& state) {
                if (ChartPanel* panel = panels().value(index))
                    panel->setQueryState(state);
            });
    }
}

void bindPanelQueries(PanelQueryRunner* runner, const QList<ChartPanel*>& panels)
{
    showStates(runner, runner, [panels] { return panels; });
}

void bindPanelQueries(PanelQueryRunner* runner, DashboardView* view, QueryTimeBar* bar)
{
    showStates(runner, view, [view] { return view->panels(); });
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
