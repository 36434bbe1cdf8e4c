#include "MainWindow.h"

#include "ApplicationTheme.h"
#include "DashboardActions.h"
#include "DashboardFile.h"
#include "DashboardView.h"
#include "Duration.h"
#include "ShortcutsDialog.h"
#include "TextTone.h"
#include "TimeSeriesStore.h"
#include "VariableBar.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>

namespace perfdash {

MainWindow::MainWindow(const DashboardSpec& spec, const TimeSeriesStore& store, QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("perfdash — %1").arg(spec.name));
    m_pages = new QTabWidget(this);
    m_pages->setDocumentMode(true);
    m_dashboard = new DashboardView(spec, store, m_pages);
    m_pages->addTab(m_dashboard, QStringLiteral("Dashboard"));
    setCentralWidget(m_pages);

    QMenu* fileMenu = menuBar()->addMenu(QStringLiteral("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_dashboardActions = new DashboardActions(this, m_dashboard, fileMenu, menuBar());
    connect(m_dashboardActions, &DashboardActions::titleChanged, this,
        [this](const QString& title) { setWindowTitle(QStringLiteral("perfdash — ") + title); });
    QAction* quit = fileMenu->addAction(QStringLiteral("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    addThemeMenu();
    QMenu* helpMenu = menuBar()->addMenu(QStringLiteral("&Help"));
    QAction* shortcuts = helpMenu->addAction(QStringLiteral("&Keyboard Shortcuts"), this, [this] {
        ShortcutsDialog dialog(this);
        dialog.exec();
    });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    // Grafana's "?"; the Shift that types it on most layouts is part of the key Qt sees.
    shortcuts->setShortcuts(
        { QKeySequence(Qt::Key_Question), QKeySequence(Qt::SHIFT | Qt::Key_Question), QKeySequence::HelpContents });

    auto* toolbar = addToolBar(QStringLiteral("View"));
    toolbar->setObjectName(QStringLiteral("viewToolbar"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(QStringLiteral(" Window: "), toolbar));
    m_windowChoice = new QComboBox(toolbar);
    m_windowChoice->setObjectName(QStringLiteral("windowChoice"));
    const std::pair<const char*, qint64> windows[]
        = { { "1 m", 60'000 }, { "5 m", 300'000 }, { "15 m", 900'000 }, { "1 h", 3'600'000 },
              { "6 h", 6 * 3'600'000 }, { "24 h", 24 * 3'600'000 } };
    for (const auto& [label, ms] : windows)
        m_windowChoice->addItem(QString::fromLatin1(label), ms);
    m_windowChoice->setToolTip(QStringLiteral("Time range of every panel; saved with the dashboard"));
    toolbar->addWidget(m_windowChoice);
    toolbar->addWidget(new QLabel(QStringLiteral("  Refresh: "), toolbar));
    m_refreshChoice = new QComboBox(toolbar);
    m_refreshChoice->setObjectName(QStringLiteral("refreshChoice"));
    m_refreshChoice->setToolTip(
        QStringLiteral("How often PromQL panels query their Prometheus (stream panels are live); saved with the dashboard"));
    const std::pair<const char*, int> refreshes[] = { { "off", 0 }, { "5 s", 5'000 }, { "15 s", 15'000 }, { "1 m", 60'000 } };
    for (const auto& [label, ms] : refreshes)
        m_refreshChoice->addItem(QString::fromLatin1(label), ms);
    toolbar->addWidget(m_refreshChoice);
    showTimeSettings(spec.timeRangeMs, spec.refreshIntervalMs);
    connect(m_windowChoice, &QComboBox::currentIndexChanged, this, &MainWindow::timeChoiceChanged);
    connect(m_refreshChoice, &QComboBox::currentIndexChanged, this, &MainWindow::timeChoiceChanged);
    connect(m_dashboardActions, &DashboardActions::dashboardChanged, this,
        [this](const DashboardSpec& shown) { showTimeSettings(shown.timeRangeMs, shown.refreshIntervalMs); });
    toolbar->addSeparator();

    m_pauseAction = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPause), QStringLiteral("Pause"));
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(Qt::Key_Space);
    m_pauseAction->setToolTip(QStringLiteral("Freeze the charts; data keeps arriving (Space)"));
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) {
        m_dashboard->setPaused(paused);
        m_pauseAction->setText(paused ? QStringLiteral("Resume") : QStringLiteral("Pause"));
        m_pauseAction->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    });
    toolbar->addSeparator();
    // Drag on a chart zooms every panel; Shift+drag pans; Esc or a double-click goes live again.
    toolbar->addActions(m_dashboard->navigationActions());
    m_navigationText = new QLabel(toolbar);
    m_navigationText->setObjectName(QStringLiteral("navigationText"));
    m_navigationText->setToolTip(QStringLiteral(
        "Drag across a chart to zoom, Shift+drag or ←/→ to pan, wheel over the time axis to zoom around the "
        "cursor, Ctrl+drag to pick a window to compare; double-click or Esc for live"));
    toolbar->addWidget(m_navigationText);
    toolbar->addSeparator();
    toolbar->addActions(m_dashboard->comparisonActions());
    connect(m_dashboardActions, &DashboardActions::compareAroundAnnotationRequested, m_dashboard,
        [this](
            const Annotation& annotation) { m_dashboard->compareAround(annotation, m_dashboard->suggestedWidthMs()); });
    const auto showNavigation = [this] {
        m_navigationText->setText(QStringLiteral(" ") + m_dashboard->navigationText() + QStringLiteral(" "));
        if (m_dashboard->isLive())
            setTextTone(m_navigationText, TextTone::Muted);
        else
            setTextTone(m_navigationText, TextTone::Warning, QStringLiteral("font-weight: bold;"));
    };
    connect(m_dashboard, &DashboardView::navigationChanged, this, showNavigation);
    connect(m_windowChoice, &QComboBox::currentIndexChanged, this, showNavigation);
    showNavigation();
    toolbar->addSeparator();
    m_source = new QLabel(toolbar);
    setTextTone(m_source, TextTone::Muted, QStringLiteral("padding-left: 6px;"));
    toolbar->addWidget(m_source);

    addToolBarBreak();
    m_variableToolbar = addToolBar(QStringLiteral("Variables"));
    m_variableToolbar->setObjectName(QStringLiteral("variableToolbar"));
    m_variableToolbar->setMovable(false);
    m_variableBar = new VariableBar(m_variableToolbar);
    m_variableToolbar->addWidget(m_variableBar);
    const auto showVariables
        = [this](const DashboardSpec& shown) { m_variableToolbar->setVisible(!shown.variables.isEmpty()); };
    showVariables(spec);
    connect(m_dashboardActions, &DashboardActions::dashboardChanged, this, showVariables);

    m_connection = new QLabel(QStringLiteral("idle"), this);
    m_rate = new QLabel(this);
    m_counters = new QLabel(this);
    statusBar()->addWidget(m_connection, 1);
    // Ignored width: a long metric name is cut off at the window's edge instead of widening the window.
    m_cardinality = new QLabel(this);
    m_cardinality->setObjectName(QStringLiteral("cardinality"));
    m_cardinality->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setTextTone(m_cardinality, TextTone::Warning);
    m_cardinality->hide();
    statusBar()->addWidget(m_cardinality, 2);
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_counters);
    m_rateClock.start();
    // Large enough for five readable charts, never larger than the screen.
    const QRect available = screen()->availableGeometry();
    resize(std::min(1500, available.width() * 9 / 10), std::min(900, available.height() * 9 / 10));
}

void MainWindow::showTimeSettings(qint64 rangeMs, int refreshMs)
{
    // A file may hold any duration: one not in the list is added to it, so what is shown is what runs.
    m_showingTime = true;
    const auto select = [](QComboBox* choice, qint64 ms) {
        int index = choice->findData(ms);
        if (index < 0) {
            choice->addItem(formatDuration(ms), ms);
            index = choice->count() - 1;
        }
        choice->setCurrentIndex(index);
    };
    select(m_windowChoice, rangeMs);
    select(m_refreshChoice, refreshMs);
    m_showingTime = false;
    m_dashboard->setWindowMs(rangeMs);
}

void MainWindow::timeChoiceChanged()
{
    if (m_showingTime)
        return;
    m_dashboard->setWindowMs(m_windowChoice->currentData().toLongLong());
    m_dashboardActions->setTimeSettings(
        m_windowChoice->currentData().toLongLong(), m_refreshChoice->currentData().toInt());
}

void MainWindow::setDashboard(const DashboardSpec& spec)
{
    showTimeSettings(spec.timeRangeMs, spec.refreshIntervalMs);
    m_variableToolbar->setVisible(!spec.variables.isEmpty());
    if (m_dashboard->dashboardSpec() == spec)
        return;
    m_dashboard->setDashboard(spec);
    setWindowTitle(QStringLiteral("perfdash — %1").arg(spec.name));
}

void MainWindow::addPage(QWidget* page, const QString& title)
{
    m_pages->addTab(page, title);
}

void MainWindow::setSourceDescription(const QString& description)
{
    m_source->setText(description);
}

void MainWindow::addThemeMenu()
{
    QMenu* viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    QMenu* themeMenu = viewMenu->addMenu(QStringLiteral("&Theme"));
    auto* group = new QActionGroup(themeMenu);
    const ThemeChoice shown = appliedThemeChoice();
    const std::pair<ThemeChoice, QString> choices[] = { { ThemeChoice::System, QStringLiteral("&System") },
        { ThemeChoice::Light, QStringLiteral("&Light") }, { ThemeChoice::Dark, QStringLiteral("&Dark") } };
    for (const auto& [choice, text] : choices) {
        QAction* action = themeMenu->addAction(text);
        action->setObjectName(QStringLiteral("theme-%1").arg(themeChoiceName(choice)));
        action->setCheckable(true);
        action->setChecked(choice == shown);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [choice = choice] {
            storeThemeChoice(choice);
            applyApplicationTheme(choice);
        });
    }
    themeMenu->setToolTipsVisible(true);
    themeMenu->actions().first()->setToolTip(desktopPrefersDark() ? QStringLiteral("The desktop's colours: dark")
                                                                  : QStringLiteral("The desktop's colours: light"));
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refreshTextTones(this);
}

void MainWindow::setConnectionStatus(const ConnectionStatus& status)
{
    m_connection->setText(QStringLiteral("● ") + status.describe());
    TextTone tone = TextTone::Muted;
    switch (status.state) {
    case ConnectionState::Live:
        tone = TextTone::Good;
        break;
    case ConnectionState::Reconnecting:
    case ConnectionState::Connecting:
        tone = TextTone::Warning;
        break;
    case ConnectionState::Failed:
        tone = TextTone::Bad;
        break;
    case ConnectionState::Idle:
        break;
    }
    setTextTone(m_connection, tone);
}

void MainWindow::setIngestCounters(const IngestCounters& counters, const StoreStats& store)
{
    const qint64 elapsed = m_rateClock.restart();
    if (elapsed > 0) {
        const quint64 stored = counters.samplesStored;
        const double perSecond = double(stored - std::min(stored, m_lastStored)) * 1000.0 / double(elapsed);
        m_lastStored = stored;
        m_rate->setText(QStringLiteral("%1 samples/s").arg(perSecond, 0, 'f', 0));
    }
    QString text = QStringLiteral("stored %1 · malformed %2 · dropped %3 · rejected %4 · evicted %5")
                       .arg(counters.samplesStored)
                       .arg(counters.malformedMessages)
                       .arg(counters.droppedMessages)
                       .arg(counters.rejectedSamples)
                       .arg(store.evictedSamples);
    m_counters->setText(text);
    const bool trouble = counters.malformedMessages + counters.droppedMessages + counters.rejectedSamples > 0;
    setTextTone(m_counters, trouble ? TextTone::Warning : TextTone::Plain);
    m_counters->setToolTip(counters.lastError.isEmpty() ? QString()
                                                        : QStringLiteral("last problem: ") + counters.lastError);
    // The metric that lost most, by name and with the label to blame; every one in the tooltip.
    QStringList limits;
    for (const CardinalityRejection& rejection : store.cardinality)
        limits << rejection.describe();
    QString limitText;
    if (!limits.isEmpty())
        limitText = QStringLiteral("⚠ ") + limits.first()
            + (limits.size() > 1 ? QStringLiteral(" (and %1 more metrics)").arg(limits.size() - 1) : QString());
    m_cardinality->setText(limitText);
    m_cardinality->setToolTip(limits.join(QLatin1Char('\n')));
    m_cardinality->setVisible(!limitText.isEmpty());
}

QString MainWindow::connectionText() const
{
    return m_connection->text();
}

QString MainWindow::cardinalityText() const
{
    return m_cardinality->text();
}

QString MainWindow::countersText() const
{
    return m_counters->text();
}

} // namespace perfdash
