#include "ProfilingPage.h"

#include "ProfileLiveCharts.h"
#include "ProfileParameterForm.h"
#include "ProfileRunFile.h"
#include "ProfileTableCells.h"
#include "RepetitionResultsTable.h"
#include "RunComparison.h"
#include "RunComparisonJson.h"
#include "RunComparisonTable.h"
#include "RunHistoryWindow.h"
#include "SweepWindow.h"
#include "TextTone.h"

#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

namespace perfdash {

ProfilingPage::ProfilingPage(QWidget* parent)
    : QWidget(parent)
{
    // Left: what to run.
    auto* setup = new QGroupBox(tr("Profile"));
    auto* setupLayout = new QVBoxLayout(setup);
    m_form = new ProfileParameterForm;
    setupLayout->addWidget(m_form);
    m_run = new QPushButton(tr("Run"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setEnabled(false);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    setupLayout->addLayout(runRow);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p %"));
    setupLayout->addWidget(m_progress);
    m_status = new QLabel(tr("Choose a component and press Run."));
    m_status->setWordWrap(true);
    setupLayout->addWidget(m_status);
    m_pin = new QPushButton(tr("Pin as baseline"));
    m_pin->setEnabled(false);
    m_save = new QPushButton(tr("Save run…"));
    m_save->setEnabled(false);
    m_loadBaseline = new QPushButton(tr("Load baseline…"));
    auto* baselineRow = new QHBoxLayout;
    baselineRow->addWidget(m_pin);
    baselineRow->addWidget(m_save);
    setupLayout->addLayout(baselineRow);
    setupLayout->addWidget(m_loadBaseline);
    m_baselineLabel = new QLabel(tr("Baseline: none pinned"));
    m_baselineLabel->setWordWrap(true);
    setupLayout->addWidget(m_baselineLabel);
    m_history = new QPushButton(tr("Run history…"));
    m_history->setToolTip(tr("Each metric across a folder of run files over time, with its change points"));
    setupLayout->addWidget(m_history);
    m_sweep = new QPushButton(tr("Sweep…"));
    m_sweep->setToolTip(tr("Run the component over a range of one parameter, one curve per policy"));
    setupLayout->addWidget(m_sweep);
    setupLayout->addStretch(1);
    setup->setFixedWidth(340);

    // Right: live charts, then results and comparison.
    m_charts = new ProfileLiveCharts;

    m_references = new QLabel;
    m_references->setWordWrap(true);
    m_references->setVisible(false);

    m_results = new RepetitionResultsTable;
    auto* resultsBox = new QGroupBox(tr("Results per repetition"));
    auto* resultsLayout = new QVBoxLayout(resultsBox);
    resultsLayout->addWidget(m_references);
    resultsLayout->addWidget(m_results);

    m_comparison = new RunComparisonTable;
    m_comparisonNotes = new QLabel(tr("Pin a run as the baseline, then run again to compare."));
    m_comparisonNotes->setWordWrap(true);
    auto* comparisonBox
        = new QGroupBox(tr("Comparison of medians with the baseline (Mann–Whitney U, two-sided, α 0.05, Holm)"));
    auto* comparisonLayout = new QVBoxLayout(comparisonBox);
    comparisonLayout->addWidget(m_comparisonNotes);
    comparisonLayout->addWidget(m_comparison);

    auto* tables = new QSplitter(Qt::Horizontal);
    tables->setObjectName(QStringLiteral("profilingTables")); // its positions are restored on start
    tables->addWidget(resultsBox);
    tables->addWidget(comparisonBox);
    tables->setStretchFactor(0, 2);
    tables->setStretchFactor(1, 3);
    auto* right = new QSplitter(Qt::Vertical);
    right->setObjectName(QStringLiteral("profilingCharts"));
    right->addWidget(m_charts);
    right->addWidget(tables);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(setup);
    layout->addWidget(right, 1);

    // Only the cache has a hit ratio to chart.
    const auto showHitRatioFor
        = [this](const QString& component) { m_charts->setHitRatioVisible(component == u"cache"); };
    connect(m_form, &ProfileParameterForm::componentChanged, this, showHitRatioFor);
    showHitRatioFor(m_form->component());
    connect(m_run, &QPushButton::clicked, this, &ProfilingPage::requestRun);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        setStatus(tr("Cancelling…"), false);
        Q_EMIT cancelRequested();
    });
    connect(m_pin, &QPushButton::clicked, this, &ProfilingPage::pinBaseline);
    connect(m_save, &QPushButton::clicked, this, &ProfilingPage::saveRun);
    connect(m_loadBaseline, &QPushButton::clicked, this, &ProfilingPage::loadBaseline);
    connect(m_sweep, &QPushButton::clicked, this, &ProfilingPage::openSweep);
    connect(m_history, &QPushButton::clicked, this, [this] {
        RunHistoryWindow* window = runHistoryWindow();
        window->show();
        window->raise();
        window->activateWindow();
    });
}

SweepWindow* ProfilingPage::sweepWindow()
{
    if (!m_sweepWindow) {
        m_sweepWindow = new SweepWindow(this);
        m_sweepWindow->setWindowFlag(Qt::Window);
        m_sweepWindow->setBusyCheck([this] {
            return m_running ? tr("A profiling run is going: wait for it, or cancel it on the Profiling tab.")
                             : QString();
        });
        Q_EMIT sweepWindowCreated(m_sweepWindow);
    }
    return m_sweepWindow;
}

bool ProfilingPage::openSweep()
{
    QString error;
    const auto settings = ProfileSettings::make(m_form->component(), m_form->values(), &error);
    if (!settings) {
        setStatus(error, true);
        return false;
    }
    SweepWindow* window = sweepWindow();
    window->setBase(*settings);
    window->show();
    window->raise();
    window->activateWindow();
    return true;
}

RunHistoryWindow* ProfilingPage::runHistoryWindow()
{
    if (!m_historyWindow) {
        m_historyWindow = new RunHistoryWindow(this);
        m_historyWindow->setWindowFlag(Qt::Window);
        connect(m_historyWindow, &RunHistoryWindow::changePointsAnnotated, this, &ProfilingPage::changePointsAnnotated);
    }
    return m_historyWindow;
}

ProfilingPage::~ProfilingPage() = default;

QTableWidget* ProfilingPage::resultsTable() const { return m_results; }

QTableWidget* ProfilingPage::comparisonTable() const { return m_comparison; }

void ProfilingPage::setComponent(const QString& component) { m_form->setComponent(component); }

bool ProfilingPage::setParameter(const QString& name, const QString& value)
{
    return m_form->setParameter(name, value);
}

void ProfilingPage::setRepetitions(int repetitions) { m_form->setRepetitions(repetitions); }

bool ProfilingPage::requestRun()
{
    if (m_running)
        return false;
    // One measurement at a time: a run queued behind a sweep would sit at "Starting…" for its length.
    if (m_sweepWindow && m_sweepWindow->isRunning()) {
        setStatus(tr("A sweep is running: wait for it, or cancel it in the Sweep window."), true);
        return false;
    }
    QString error;
    const auto settings = ProfileSettings::make(m_form->component(), m_form->values(), &error);
    if (!settings) {
        setStatus(error, true);
        return false;
    }
    m_running = true; // until runFinished; a second press must not queue another run
    m_run->setEnabled(false);
    setStatus(tr("Starting…"), false);
    Q_EMIT runRequested(*settings, m_form->repetitions());
    return true;
}

void ProfilingPage::runStarted(const ProfileSettings& settings, int repetitions)
{
    m_running = true;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_pin->setEnabled(false);
    m_save->setEnabled(false);
    m_progress->setValue(0);
    m_charts->clear();
    m_results->clearResults();
    m_references->setVisible(false);
    setStatus(tr("Running %1, %2 repetitions…").arg(settings.component()).arg(repetitions), false);
}

void ProfilingPage::showProgress(const ProfileProgress& progress)
{
    m_progress->setValue(int(std::lround(progress.fraction * 1000)));
    m_charts->addProgress(progress);
    setStatus(tr("Repetition %1 of %2").arg(progress.repetition + 1).arg(progress.repetitions), false);
}

int ProfilingPage::livePointCount() const { return m_charts->pointCount(); }

void ProfilingPage::addRepetition(const RepetitionResult& result) { m_results->addRepetition(result); }

void ProfilingPage::runFinished(const ProfileRun& run)
{
    m_running = false;
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_lastRun = run;
    m_charts->redrawNow();
    if (!run.error.isEmpty()) {
        setStatus(tr("The run failed: %1").arg(run.error), true);
        if (run.repetitions.isEmpty())
            return;
    }
    if (run.repetitions.isEmpty()) {
        setStatus(run.cancelled ? tr("Cancelled before the first repetition finished.") : tr("No results."), false);
        return;
    }
    m_progress->setValue(run.cancelled ? m_progress->value() : 1000);
    m_pin->setEnabled(true);
    m_save->setEnabled(true);
    if (m_results->repetitionCount() != run.repetitions.size())
        m_results->setRepetitions(run.repetitions);
    if (!run.error.isEmpty())
        setStatus(tr("Stopped after %1 repetitions: %2").arg(run.repetitions.size()).arg(run.error), true);
    else if (!run.notes.isEmpty())
        setStatus(
            tr("Done: %1 repetitions, with problems: %2").arg(run.repetitions.size()).arg(run.notes.join(u' ')), true);
    else
        setStatus(run.cancelled
                ? tr("Cancelled: %1 of %2 repetitions kept.").arg(run.repetitions.size()).arg(run.requestedRepetitions)
                : tr("Done: %1 repetitions.").arg(run.repetitions.size()),
            false);
    showReferences();
    showComparison();
}

QString ProfilingPage::referencesText() const { return m_references->isVisible() ? m_references->text() : QString(); }

void ProfilingPage::showReferences()
{
    const ProfileRun& run = *m_lastRun;
    const QStringList metrics = run.metricNames();
    if (!metrics.contains(QStringLiteral("belady_hit_ratio"))) {
        m_references->setVisible(false);
        return;
    }
    auto median = [&run](const char* metric) { return profileCellText(run.median(QLatin1String(metric))); };
    QString text = tr("<b>Hit ratio</b> (median): %1 %2 · LRU on the same trace %3 · Bélády's optimal %4")
                       .arg(run.settings.text(QStringLiteral("policy")), median("hit_ratio"),
                           median("lru_hit_ratio_offline"), median("belady_hit_ratio"));
    if (metrics.contains(QStringLiteral("combined_hit_ratio"))) {
        // A two-tier run: the references above are the in-process tier's; Redis and both tiers beside them.
        text += tr("<br><b>Two tiers</b>: L1 %1 · Redis (L2) %2 · both %3 · Redis %4 ops/s, %5 errors, %6 timeouts")
                    .arg(median("hit_ratio"), median("l2_hit_ratio"), median("combined_hit_ratio"),
                        median("redis_ops_per_s"), median("redis_errors"), median("redis_timeouts"));
        if (metrics.contains(QStringLiteral("redis_peak_memory_bytes")))
            text += tr(", peak memory %1 MB")
                        .arg(run.median(QStringLiteral("redis_peak_memory_bytes")) / 1e6, 0, 'f', 1);
    }
    m_references->setText(text);
    m_references->setVisible(true);
}

void ProfilingPage::pinBaseline()
{
    if (m_lastRun && !m_lastRun->repetitions.isEmpty())
        setBaseline(*m_lastRun);
}

void ProfilingPage::setBaseline(const ProfileRun& run)
{
    m_baseline = run;
    QStringList shown;
    for (auto it = run.settings.values().begin(); it != run.settings.values().end(); ++it)
        shown << QStringLiteral("%1=%2").arg(it.key(), *it);
    m_baselineLabel->setText(tr("Baseline: %1, %2 repetitions\n%3")
                                 .arg(run.settings.component())
                                 .arg(run.repetitions.size())
                                 .arg(shown.join(QStringLiteral(" "))));
    m_baselineLabel->setToolTip(m_baselineLabel->text());
    if (m_lastRun && run.settings.component() != m_form->component())
        setComponent(run.settings.component());
    showComparison();
}

QJsonObject ProfilingPage::openComparisonJson() const
{
    if (!m_openComparison)
        return {};
    return RunComparisonJson::write(*m_baseline, *m_lastRun, *m_openComparison);
}

void ProfilingPage::showComparison()
{
    m_comparison->clearComparison();
    m_openComparison.reset();
    if (!m_baseline || !m_lastRun) {
        m_comparisonNotes->setText(tr("Pin a run as the baseline, then run again to compare."));
        return;
    }
    QString error;
    m_openComparison = RunComparison::compare(*m_baseline, *m_lastRun, 0.05, &error);
    if (!m_openComparison) {
        m_comparisonNotes->setText(error);
        return;
    }
    QStringList notes = m_openComparison->notes();
    if (notes.isEmpty())
        notes << tr("Same parameters as the baseline.");
    notes << (m_openComparison->hasRegression() ? tr("<b>Result: regression.</b>")
                                                : tr("<b>Result: no regression.</b>"));
    m_comparisonNotes->setText(notes.join(QStringLiteral("<br>")));
    m_comparison->showComparison(*m_openComparison);
}

void ProfilingPage::saveRun()
{
    if (!m_lastRun)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save run"), QStringLiteral("run.json"), tr("Profile results (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (writeProfileRunFile(*m_lastRun, path, &error))
        setStatus(tr("Saved %1").arg(path), false);
    else
        setStatus(error, true);
}

void ProfilingPage::loadBaseline()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Load baseline"), QString(), tr("Profile results (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    const auto run = readProfileRunFile(path, &error);
    if (!run) {
        setStatus(error, true);
        return;
    }
    setBaseline(*run);
}

void ProfilingPage::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    setTextTone(m_status, error ? TextTone::Bad : TextTone::Plain);
}

QString ProfilingPage::statusText() const { return m_status->text(); }

} // namespace perfdash
