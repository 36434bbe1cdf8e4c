#include "DashboardView.h"

#include "ChartPanel.h"
#include "TargetTableModel.h"

#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace perfdash {

namespace {
    constexpr int gridColumns = 3;
    constexpr int refreshIntervalMs = 50; // 20 Hz: smooth scrolling, well under the 30 Hz ceiling
}

DashboardView::DashboardView(const DashboardSpec& spec, const TimeSeriesStore& store, QWidget* parent)
    : QWidget(parent)
    , m_spec(spec)
    , m_store(store)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->setSpacing(6);
    for (const PanelSpec& panelSpec : spec.panels) {
        auto* panel = new ChartPanel(panelSpec, this);
        const int index = int(m_panels.size());
        grid->addWidget(panel, index / gridColumns, index % gridColumns);
        m_panels << panel;
    }

    m_targetModel = new TargetTableModel(this);
    m_targetModel->setPanels(spec.panels);
    auto* targetsBox = new QGroupBox(QStringLiteral("Targets"), this);
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
    const int index = int(m_panels.size());
    grid->addWidget(targetsBox, index / gridColumns, index % gridColumns,
        1, index % gridColumns == 0 ? gridColumns : gridColumns - index % gridColumns);
    for (int column = 0; column < gridColumns; ++column)
        grid->setColumnStretch(column, 1);

    m_refreshTimer.setInterval(refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DashboardView::refreshNow);
    m_refreshTimer.start();
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
    const qint64 to = m_paused ? m_pausedAtMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 from = to - m_windowMs;
    for (int row = 0; row < m_panels.size(); ++row) {
        m_panels[row]->refresh(m_store, from, to);
        m_targetModel->setCurrentValue(row, m_panels[row]->currentValue());
    }
    Q_EMIT refreshed(from, to);
}

} // namespace perfdash
