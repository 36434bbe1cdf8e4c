#include "ProfilingPage.h"

#include "ValueFormat.h"

#include "LiveChart.h"
#include "ProfileMetric.h"
#include "ProfileParameter.h"
#include "ProfileRunJson.h"
#include "RunComparison.h"
#include "RunComparisonJson.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace perfdash {

namespace {
    QString cellText(double value)
    {
        if (!std::isfinite(value))
            return QStringLiteral("–");
        return formatNumber(value, 4);
    }

    QTableWidgetItem* item(const QString& text, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter)
    {
        auto* cell = new QTableWidgetItem(text);
        cell->setTextAlignment(alignment);
        cell->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        return cell;
    }

    QStringList metricsIn(const QList<RepetitionResult>& repetitions)
    {
        QStringList names;
        for (const ProfileMetric& metric : ProfileMetric::all()) {
            for (const RepetitionResult& repetition : repetitions) {
                if (repetition.metrics.contains(metric.name)) {
                    names << metric.name;
                    break;
                }
            }
        }
        return names;
    }
}

ProfilingPage::ProfilingPage(QWidget* parent)
    : QWidget(parent)
{
    // Left: what to run.
    auto* setup = new QGroupBox(tr("Profile"));
    auto* setupLayout = new QVBoxLayout(setup);
    m_component = new QComboBox;
    m_component->addItems(ProfileParameter::components());
    m_description = new QLabel;
    m_description->setWordWrap(true);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_repetitions = new QSpinBox;
    m_repetitions->setRange(1, 1000);
    m_repetitions->setValue(10);
    m_repetitions->setToolTip(
        tr("The comparison needs at least %1 for a reliable verdict").arg(RunComparison::recommendedRepetitions));
    auto* top = new QFormLayout;
    top->addRow(tr("Component"), m_component);
    setupLayout->addLayout(top);
    setupLayout->addWidget(m_description);
    setupLayout->addLayout(m_form);
    auto* repetitionsForm = new QFormLayout;
    repetitionsForm->addRow(tr("Repetitions"), m_repetitions);
    setupLayout->addLayout(repetitionsForm);
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
    setupLayout->addStretch(1);
    setup->setFixedWidth(340);

    // Right: live charts, then results and comparison.
    m_throughputChart = new LiveChart(tr("Throughput"), tr("ops/s"), { tr("ops/s") });
    m_latencyChart = new LiveChart(tr("Latency percentiles"), tr("µs"), { tr("p50"), tr("p95"), tr("p99") });
    m_hitRatioChart = new LiveChart(tr("Hit ratio"), QString(), { tr("hit ratio") });
    auto* charts = new QWidget;
    auto* chartRow = new QHBoxLayout(charts);
    chartRow->setContentsMargins(0, 0, 0, 0);
    chartRow->addWidget(m_throughputChart);
    chartRow->addWidget(m_latencyChart);
    chartRow->addWidget(m_hitRatioChart);

    m_references = new QLabel;
    m_references->setWordWrap(true);
    m_references->setVisible(false);

    m_results = new QTableWidget;
    m_results->verticalHeader()->setVisible(false);
    m_results->setAlternatingRowColors(true);
    auto* resultsBox = new QGroupBox(tr("Results per repetition"));
    auto* resultsLayout = new QVBoxLayout(resultsBox);
    resultsLayout->addWidget(m_references);
    resultsLayout->addWidget(m_results);

    m_comparison = new QTableWidget(0, 6);
    m_comparison->setHorizontalHeaderLabels(
        { tr("Metric"), tr("Baseline"), tr("This run"), tr("Change"), tr("p"), tr("Verdict") });
    m_comparison->verticalHeader()->setVisible(false);
    m_comparison->horizontalHeader()->setStretchLastSection(true);
    m_comparisonNotes = new QLabel(tr("Pin a run as the baseline, then run again to compare."));
    m_comparisonNotes->setWordWrap(true);
    auto* comparisonBox
        = new QGroupBox(tr("Comparison of medians with the baseline (Mann–Whitney U, two-sided, α 0.05, Holm)"));
    auto* comparisonLayout = new QVBoxLayout(comparisonBox);
    comparisonLayout->addWidget(m_comparisonNotes);
    comparisonLayout->addWidget(m_comparison);

    auto* tables = new QSplitter(Qt::Horizontal);
    tables->addWidget(resultsBox);
    tables->addWidget(comparisonBox);
    tables->setStretchFactor(0, 2);
    tables->setStretchFactor(1, 3);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(charts);
    right->addWidget(tables);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(setup);
    layout->addWidget(right, 1);

    connect(m_component, &QComboBox::currentTextChanged, this, &ProfilingPage::rebuildForm);
    connect(m_run, &QPushButton::clicked, this, &ProfilingPage::requestRun);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        setStatus(tr("Cancelling…"), false);
        Q_EMIT cancelRequested();
    });
    connect(m_pin, &QPushButton::clicked, this, &ProfilingPage::pinBaseline);
    connect(m_save, &QPushButton::clicked, this, &ProfilingPage::saveRun);
    connect(m_loadBaseline, &QPushButton::clicked, this, &ProfilingPage::loadBaseline);
    // Charts redraw on a 10 Hz timer, never per snapshot.
    connect(&m_redraw, &QTimer::timeout, this, &ProfilingPage::refreshCharts);
    m_redraw.start(100);
    rebuildForm();
}

ProfilingPage::~ProfilingPage() = default;

void ProfilingPage::rebuildForm()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    const QString component = m_component->currentText();
    m_description->setText(ProfileParameter::componentDescription(component));
    for (const ProfileParameter& parameter : ProfileParameter::forComponent(component)) {
        QWidget* editor = nullptr;
        if (parameter.kind == ProfileParameter::Kind::Choice) {
            auto* choice = new QComboBox;
            choice->addItems(parameter.choices);
            choice->setCurrentText(parameter.defaultValue);
            editor = choice;
        } else {
            auto* line = new QLineEdit(parameter.defaultValue);
            line->setPlaceholderText(parameter.defaultValue);
            editor = line;
        }
        editor->setToolTip(parameter.help);
        auto* label = new QLabel(parameter.name);
        label->setToolTip(parameter.help);
        m_form->addRow(label, editor);
        m_editors << qMakePair(parameter.name, editor);
    }
    m_hitRatioChart->setVisible(component == u"cache");
}

void ProfilingPage::setComponent(const QString& component) { m_component->setCurrentText(component); }

bool ProfilingPage::setParameter(const QString& name, const QString& value)
{
    for (const auto& [parameter, editor] : m_editors) {
        if (parameter != name)
            continue;
        if (auto* choice = qobject_cast<QComboBox*>(editor))
            choice->setCurrentText(value);
        else
            static_cast<QLineEdit*>(editor)->setText(value);
        return true;
    }
    return false;
}

void ProfilingPage::setRepetitions(int repetitions) { m_repetitions->setValue(repetitions); }

bool ProfilingPage::requestRun()
{
    if (m_running)
        return false;
    QMap<QString, QString> values;
    for (const auto& [parameter, editor] : m_editors) {
        if (auto* choice = qobject_cast<QComboBox*>(editor))
            values.insert(parameter, choice->currentText());
        else
            values.insert(parameter, static_cast<QLineEdit*>(editor)->text().trimmed());
    }
    QString error;
    const auto settings = ProfileSettings::make(m_component->currentText(), values, &error);
    if (!settings) {
        setStatus(error, true);
        return false;
    }
    m_running = true; // until runFinished; a second press must not queue another run
    m_run->setEnabled(false);
    setStatus(tr("Starting…"), false);
    Q_EMIT runRequested(*settings, m_repetitions->value());
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
    m_throughput.clear();
    m_p50.clear();
    m_p95.clear();
    m_p99.clear();
    m_hitRatio.clear();
    m_runningResults.clear();
    m_results->clear();
    m_results->setRowCount(0);
    m_references->setVisible(false);
    m_dirty = true;
    setStatus(tr("Running %1, %2 repetitions…").arg(settings.component()).arg(repetitions), false);
}

void ProfilingPage::showProgress(const ProfileProgress& progress)
{
    m_progress->setValue(int(std::lround(progress.fraction * 1000)));
    const double x = progress.elapsedSeconds;
    m_throughput << QPointF(x, progress.throughput);
    m_p50 << QPointF(x, progress.p50Us);
    m_p95 << QPointF(x, progress.p95Us);
    m_p99 << QPointF(x, progress.p99Us);
    if (std::isfinite(progress.hitRatio))
        m_hitRatio << QPointF(x, progress.hitRatio);
    m_dirty = true;
    setStatus(tr("Repetition %1 of %2").arg(progress.repetition + 1).arg(progress.repetitions), false);
}

void ProfilingPage::refreshCharts()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_throughputChart->setData({ m_throughput });
    m_latencyChart->setData({ m_p50, m_p95, m_p99 });
    m_hitRatioChart->setData({ m_hitRatio }, 0.0, 1.0);
}

int ProfilingPage::livePointCount() const
{
    return m_throughputChart->pointCount() + m_latencyChart->pointCount() + m_hitRatioChart->pointCount();
}

void ProfilingPage::addRepetition(const RepetitionResult& result)
{
    m_runningResults << result;
    const QStringList metrics = metricsIn(m_runningResults);
    QStringList headers { tr("#"), tr("ms") };
    for (const QString& name : metrics) {
        const ProfileMetric* metric = ProfileMetric::find(name);
        headers << (metric->unit.isEmpty() ? metric->label
                                           : QStringLiteral("%1 (%2)").arg(metric->label, metric->unit));
    }
    m_results->setColumnCount(int(headers.size()));
    m_results->setHorizontalHeaderLabels(headers);
    m_results->setRowCount(int(m_runningResults.size()));
    for (int row = 0; row < m_runningResults.size(); ++row) {
        const RepetitionResult& repetition = m_runningResults[row];
        m_results->setItem(row, 0, item(QString::number(repetition.index + 1)));
        m_results->setItem(row, 1, item(QString::number(repetition.durationMs, 'f', 0)));
        for (int column = 0; column < metrics.size(); ++column) {
            const auto value = repetition.metrics.find(metrics[column]);
            m_results->setItem(
                row, column + 2, item(value == repetition.metrics.end() ? QStringLiteral("–") : cellText(*value)));
        }
    }
    m_results->resizeColumnsToContents();
    m_results->scrollToBottom();
}

void ProfilingPage::runFinished(const ProfileRun& run)
{
    m_running = false;
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_lastRun = run;
    m_dirty = true;
    refreshCharts();
    if (run.repetitions.isEmpty()) {
        setStatus(run.cancelled ? tr("Cancelled before the first repetition finished.") : tr("No results."), false);
        return;
    }
    m_progress->setValue(run.cancelled ? m_progress->value() : 1000);
    m_pin->setEnabled(true);
    m_save->setEnabled(true);
    if (m_runningResults.size() != run.repetitions.size()) {
        m_runningResults.clear();
        for (const RepetitionResult& repetition : run.repetitions)
            addRepetition(repetition);
    }
    setStatus(run.cancelled
            ? tr("Cancelled: %1 of %2 repetitions kept.").arg(run.repetitions.size()).arg(run.requestedRepetitions)
            : tr("Done: %1 repetitions.").arg(run.repetitions.size()),
        false);
    showReferences();
    showComparison();
}

void ProfilingPage::showReferences()
{
    const ProfileRun& run = *m_lastRun;
    const QStringList metrics = run.metricNames();
    if (!metrics.contains(QStringLiteral("belady_hit_ratio"))) {
        m_references->setVisible(false);
        return;
    }
    m_references->setText(
        tr("<b>Hit ratio</b> (median): %1 %2 · LRU on the same trace %3 · Bélády's optimal %4")
            .arg(run.settings.text(QStringLiteral("policy")), cellText(run.median(QStringLiteral("hit_ratio"))),
                cellText(run.median(QStringLiteral("lru_hit_ratio_offline"))),
                cellText(run.median(QStringLiteral("belady_hit_ratio")))));
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
    if (m_lastRun && run.settings.component() != m_component->currentText())
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
    m_comparison->setRowCount(0);
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
    const std::optional<RunComparison>& comparison = m_openComparison;
    QStringList notes = comparison->notes();
    if (notes.isEmpty())
        notes << tr("Same parameters as the baseline.");
    notes << (comparison->hasRegression() ? tr("<b>Result: regression.</b>") : tr("<b>Result: no regression.</b>"));
    m_comparisonNotes->setText(notes.join(QStringLiteral("<br>")));
    m_comparison->setRowCount(int(comparison->rows().size()));
    for (int row = 0; row < comparison->rows().size(); ++row) {
        const MetricComparison& line = comparison->rows()[row];
        m_comparison->setItem(row, 0, item(line.metric.label, Qt::AlignLeft | Qt::AlignVCenter));
        m_comparison->setItem(row, 1, item(cellText(line.baseMedian)));
        m_comparison->setItem(row, 2, item(cellText(line.newMedian)));
        m_comparison->setItem(row, 3,
            item(std::isfinite(line.relativeChange) ? QStringLiteral("%1%2 %")
                                                          .arg(line.relativeChange >= 0 ? "+" : "")
                                                          .arg(line.relativeChange * 100, 0, 'f', 1)
                                                    : QStringLiteral("–")));
        m_comparison->setItem(row, 4, item(QString::number(line.pValue, 'g', 3)));
        auto* verdict = item(line.verdict, Qt::AlignLeft | Qt::AlignVCenter);
        if (line.regression)
            verdict->setForeground(QColor(0xc6, 0x28, 0x28));
        else if (line.significant && line.metric.direction != MetricDirection::Informational)
            verdict->setForeground(QColor(0x2e, 0x7d, 0x32));
        m_comparison->setItem(row, 5, verdict);
    }
    m_comparison->resizeColumnsToContents();
}

void ProfilingPage::saveRun()
{
    if (!m_lastRun)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save run"), QStringLiteral("run.json"), tr("Profile results (*.json)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ProfileRunJson::write(*m_lastRun)) < 0 || !file.commit())
        setStatus(tr("Cannot write %1: %2").arg(path, file.errorString()), true);
    else
        setStatus(tr("Saved %1").arg(path), false);
}

void ProfilingPage::loadBaseline()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Load baseline"), QString(), tr("Profile results (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setStatus(tr("Cannot read %1: %2").arg(path, file.errorString()), true);
        return;
    }
    QString error;
    const auto run = ProfileRunJson::read(file.readAll(), &error);
    if (!run) {
        setStatus(tr("%1: %2").arg(path, error), true);
        return;
    }
    setBaseline(*run);
}

void ProfilingPage::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

QString ProfilingPage::statusText() const { return m_status->text(); }

} // namespace perfdash
