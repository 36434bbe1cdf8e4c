#include "PanelQueryBinding.h"

#include "ChartPanel.h"
#include "DashboardView.h"
#include "PanelQueryRunner.h"
#include "QueryTimeBar.h"
#include "TargetTableModel.h"

#include <QTimer>
#include <functional>
#include <memory>

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

QueryTimeSettings followNavigation(QueryTimeSettings settings, const DashboardView& view)
{
    if (const std::optional<TimeRange> zoomed = view.navigation().fixedRange()) {
        settings.absolute = true;
        settings.fromMs = zoomed->fromMs;
        settings.toMs = zoomed->toMs;
    } else {
        settings.absolute = false;
    }
    return settings;
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
    // The view's window is the bar's from the start; set before the settle below listens, as the runner
    // gets the bar's settings at the end anyway.
    if (bar)
        view->setWindowMs(bar->settings().lastMs);
    // A pan drag moves the range on every mouse move: query once it rests.
    auto* settle = new QTimer(view);
    settle->setSingleShot(true);
    settle->setInterval(150);
    QObject::connect(view, &DashboardView::navigationChanged, settle, qOverload<>(&QTimer::start));
    if (!bar) {
        QObject::connect(settle, &QTimer::timeout, runner, [runner, view] {
            QueryTimeSettings settings = runner->settings();
            settings.lastMs = view->windowMs();
            runner->setSettings(followNavigation(settings, *view));
        });
        return;
    }
    // The bar shows a zoom as an absolute range; live goes back to the relative range chosen before it.
    auto liveSettings = std::make_shared<QueryTimeSettings>(bar->settings());
    QObject::connect(bar, &QueryTimeBar::settingsChanged, view, [view, liveSettings](const QueryTimeSettings& chosen) {
        if (!chosen.absolute)
            *liveSettings = chosen;
        view->setWindowMs(chosen.lastMs);
        // An absolute range chosen in the bar is a zoom like any other (back returns from it).
        const TimeRange chosenRange { chosen.fromMs, chosen.toMs };
        if (chosen.absolute && view->navigation().fixedRange() != chosenRange)
            view->zoomTo(chosenRange);
        else if (!chosen.absolute && !view->isLive())
            view->goLive();
    });
    QObject::connect(settle, &QTimer::timeout, runner, [runner, view, bar, liveSettings] {
        QueryTimeSettings settings = bar->settings();
        if (!settings.absolute)
            *liveSettings = settings;
        settings = view->isLive() ? *liveSettings : followNavigation(settings, *view);
        bar->setSettings(settings);
        runner->setSettings(settings);
    });
    runner->setSettings(bar->settings());
    QObject::connect(bar, &QueryTimeBar::settingsChanged, runner, &PanelQueryRunner::setSettings);
    QObject::connect(bar, &QueryTimeBar::refreshRequested, runner, &PanelQueryRunner::refreshNow);
    QObject::connect(runner, &PanelQueryRunner::statusChanged, bar, [bar](const ConnectionStatus& status) {
        bar->setSourceStatus(status.detail, status.state != ConnectionState::Failed);
    });
}

} // namespace perfdash
