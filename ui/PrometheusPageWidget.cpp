#include "PrometheusPageWidget.h"

#include "DashboardView.h"
#include "PanelEditorDialog.h"
#include "QueryTimeBar.h"

#include <QLineEdit>
#include <QMenu>
#include <QVBoxLayout>

namespace perfdash {

PrometheusPageWidget::PrometheusPageWidget(DashboardSpec spec, const TimeSeriesStore& store,
    DataSourceDialog::Tester test, PromQLCompleter::Fetch lookup, QWidget* parent)
    : QWidget(parent)
    , m_spec(std::move(spec))
    , m_test(std::move(test))
    , m_lookup(std::move(lookup))
{
    setObjectName(QStringLiteral("prometheusPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_bar = new QueryTimeBar(this);
    QueryTimeSettings settings;
    settings.lastMs = m_spec.timeRangeMs;
    settings.refreshMs = m_spec.refreshIntervalMs;
    m_bar->setSettings(settings);
    m_view = new DashboardView(m_spec, store, this);
    m_bar->setNavigationActions(m_view->navigationActions() + m_view->comparisonActions());
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);
    connect(m_bar, &QueryTimeBar::editSourceRequested, this, &PrometheusPageWidget::editSource);
    connect(m_view, &DashboardView::panelContextMenuRequested, this, &PrometheusPageWidget::editPanel);
}

void PrometheusPageWidget::setSource(const DataSourceSpec& source)
{
    if (m_spec.sources.isEmpty())
        m_spec.sources << source;
    else
        m_spec.sources[0] = source;
}

void PrometheusPageWidget::editPanel(int index, const QPoint& globalPosition)
{
    QMenu menu;
    QAction* edit = menu.addAction(QStringLiteral("Edit PromQL panel…"));
    QAction* refresh = menu.addAction(QStringLiteral("Refresh now"));
    QAction* chosen = menu.exec(globalPosition);
    if (chosen == refresh)
        Q_EMIT refreshRequested();
    if (chosen != edit || index < 0 || index >= m_spec.panels.size())
        return;
    PanelEditorDialog dialog(m_spec.panels[index], m_spec.sources, m_view);
    new PromQLCompleter(dialog.queryEdit(), m_lookup);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_spec.panels[index] = dialog.panel();
    m_view->setDashboard(m_spec);
    Q_EMIT panelsEdited();
}

void PrometheusPageWidget::editSource()
{
    DataSourceDialog dialog(m_spec.sources.value(0), m_test, m_view);
    dialog.setKeychain(m_keychain);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_spec.sources[0] = dialog.source();
    Q_EMIT sourceEdited(m_spec.sources[0]);
}

} // namespace perfdash
