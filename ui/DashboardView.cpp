#include "DashboardView.h"

#include "ChartPanel.h"
#include "TargetTableModel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace perfdash {

namespace {
    // 30 Hz, the ceiling: a sample waits for the next frame, so the interval bounds its arrival-to-pixel
    // latency from below (at 20 Hz the p99 could never get under 50 ms).
    constexpr int refreshIntervalMs = 33;
}

DashboardView::DashboardView(const DashboardSpec& spec, const TimeSeriesStore& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(6, 6, 6, 6);
    m_grid->setSpacing(6);

    m_targetModel = new TargetTableModel(this);
    m_targetsBox = new QGroupBox(QStringLiteral("Targets"), this);
    auto* targetsBox = m_targetsBox;
    m_targetTable = new QTableView(targetsBox);
    m_targetTable->setModel(m_targetModel);
    m_targetTable->verticalHeader()->hide();
    // Numbers keep their width; the name column gives way (elided) when the cell is narrow.
    m_targetTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_targetTable->horizontalHeader()->setSectionResizeMode(TargetTableModel::NameColumn, QHeaderView::Stretch);
    m_targetTable->setTextElideMode(Qt::ElideRight);
    m_targetTable->setWordWrap(false);
    m_targetTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_targetTable->setAlternatingRowColors(true);
    auto* boxLayout = new QVBoxLayout(targetsBox);
    boxLayout->addWidget(m_targetTable);
    setDashboard(spec);

    m_refreshTimer.setInterval(refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DashboardView::refreshNow);
    m_refreshTimer.start();
}

void DashboardView::setDashboard(const DashboardSpec& spec)
{
    // Old panels may be the sender of the action that got us here ("Remove panel"): delete them later.
    for (ChartPanel* panel : std::as_const(m_panels)) {
        m_grid->removeWidget(panel);
        panel->hide();
        panel->deleteLater();
    }
    m_panels.clear();
    m_grid->removeWidget(m_targetsBox);
    for (int column = 0; column < m_grid->columnCount(); ++column)
        m_grid->setColumnStretch(column, 0);

    m_spec = spec;
    const int gridColumns = std::max(1, spec.gridColumns);
    for (const PanelSpec& panelSpec : spec.panels) {
        auto* panel = new ChartPanel(panelSpec, this);
        const int index = int(m_panels.size());
        panel->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(panel, &QWidget::customContextMenuRequested, this, [this, panel](const QPoint& at) {
            if (const qsizetype index = m_panels.indexOf(panel); index >= 0)
                Q_EMIT panelContextMenuRequested(int(index), panel->mapToGlobal(at));
        });
        m_grid->addWidget(panel, index / gridColumns, index % gridColumns);
        m_panels << panel;
    }
    m_targetModel->setPanels(spec.panels);
    const int index = int(m_panels.size());
    m_grid->addWidget(m_targetsBox, index / gridColumns, index % gridColumns,
        1, index % gridColumns == 0 ? gridColumns : gridColumns - index % gridColumns);
    for (int column = 0; column < gridColumns; ++column)
        m_grid->setColumnStretch(column, 1);
    refreshNow();
}

void DashboardView::setWindowMs(qint64 windowMs)
{
    m_windowMs = windowMs;
    refreshNow();
}

void DashboardView::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_pausedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (paused)
        m_refreshTimer.stop();
    else
        m_refreshTimer.start();
    refreshNow();
}

void DashboardView::refreshNow()
{
    QElapsedTimer clock;
    clock.start();
    const qint64 to = m_paused ? m_pausedAtMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 from = to - m_windowMs;
    for (int row = 0; row < m_panels.size(); ++row) {
        m_panels[row]->refresh(m_store, from, to);
        m_targetModel->setCurrentValue(row, m_panels[row]->currentValue());
    }
    m_lastRefreshNs = clock.nsecsElapsed();
    Q_EMIT refreshed(from, to);
}

} // namespace perfdash
