#include "SweepWindow.h"

#include "AtomicFileWrite.h"
#include "ProfileMetric.h"
#include "ProfileParameter.h"
#include "SweepChart.h"
#include "TextTone.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace perfdash {

namespace {

    struct Range {
        QString from;
        QString to;
        bool log = false;
        int points = 8;
    };

    // What to sweep when nothing is chosen yet: the questions the seed's team asks first.
    Range defaultRange(const QString& component, const ProfileParameter& parameter)
    {
        if (component == u"cache" && parameter.name == u"capacity")
            return { QStringLiteral("100"), QStringLiteral("10000"), true, 12 };
        if (component == u"pool" && parameter.name == u"workers")
            return { QStringLiteral("1"), QStringLiteral("16"), false, 16 };
        const double value = parameter.defaultValue.toDouble();
        const double from = std::max(parameter.minimum, value > 0 ? value / 10 : parameter.minimum);
        const double to = std::min(parameter.maximum, value > 0 ? value * 10 : parameter.maximum);
        return { QString::number(from, 'g', 6), QString::number(to, 'g', 6), from > 0, 8 };
    }

} // namespace

SweepWindow::SweepWindow(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Sweep"));
    m_baseLabel = new QLabel;
    m_baseLabel->setWordWrap(true);
    m_parameter = new QComboBox;
    m_from = new QLineEdit;
    m_to = new QLineEdit;
    m_scale = new QComboBox;
    m_scale->addItem(tr("log"), QStringLiteral("log"));
    m_scale->addItem(tr("linear"), QStringLiteral("lin"));
    m_points = new QSpinBox;
    m_points->setRange(2, 200);
    m_points->setValue(8);
    m_seriesParameter = new QComboBox;
    m_seriesValues = new QLineEdit;
    m_seriesValues->setToolTip(tr("One curve per value, separated by commas"));
    m_repetitions = new QSpinBox;
    m_repetitions->setRange(1, 1000);
    m_repetitions->setValue(5);

    auto* what = new QFormLayout;
    what->addRow(tr("Parameter"), m_parameter);
    auto* range = new QHBoxLayout;
    range->addWidget(m_from);
    range->addWidget(new QLabel(QStringLiteral("…")));
    range->addWidget(m_to);
    range->addWidget(m_scale);
    range->addWidget(new QLabel(tr("points")));
    range->addWidget(m_points);
    what->addRow(tr("Range"), range);
    auto* series = new QHBoxLayout;
    series->addWidget(m_seriesParameter);
    series->addWidget(m_seriesValues, 1);
    what->addRow(tr("One curve per"), series);
    what->addRow(tr("Repetitions per point"), m_repetitions);

    m_run = new QPushButton(tr("Run sweep"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setEnabled(false);
    m_export = new QPushButton(tr("Export…"));
    m_export->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setFormat(QStringLiteral("%p %"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_export);
    m_status = new QLabel(tr("Choose a parameter and a range, then run."));
    m_status->setWordWrap(true);
    m_metric = new QComboBox;
    m_metric->setMinimumContentsLength(28);
    auto* metricRow = new QFormLayout;
    metricRow->addRow(tr("Show"), m_metric);
    m_chart = new SweepChart;

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_baseLabel);
    layout->addLayout(what);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addLayout(metricRow);
    layout->addWidget(m_chart, 1);
    resize(980, 760);

    connect(m_parameter, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_base)
            return;
        for (const ProfileParameter& parameter : ProfileParameter::forComponent(m_base->component())) {
            if (parameter.name != m_parameter->currentText())
                continue;
            const Range chosen = defaultRange(m_base->component(), parameter);
            m_from->setText(chosen.from);
            m_to->setText(chosen.to);
            m_scale->setCurrentIndex(chosen.log ? 0 : 1);
            m_points->setValue(chosen.points);
        }
    });
    connect(m_seriesParameter, &QComboBox::currentIndexChanged, this, [this] {
        m_seriesValues->clear();
        m_seriesValues->setEnabled(m_seriesParameter->currentIndex() > 0);
        if (!m_base)
            return;
        for (const ProfileParameter& parameter : ProfileParameter::forComponent(m_base->component())) {
            if (parameter.name == m_seriesParameter->currentText() && parameter.kind == ProfileParameter::Kind::Choice)
                m_seriesValues->setText(parameter.choices.join(QStringLiteral(",")));
        }
    });
    connect(m_run, &QPushButton::clicked, this, &SweepWindow::requestSweep);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        setStatus(tr("Cancelling after the current repetition…"), false);
        Q_EMIT cancelRequested();
    });
    connect(m_export, &QPushButton::clicked, this, &SweepWindow::chooseExport);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &SweepWindow::showSelectedMetric);
}

SweepWindow::~SweepWindow() = default;

void SweepWindow::setBase(const ProfileSettings& base)
{
    const bool sameComponent = m_base && m_base->component() == base.component();
    m_base = base;
    m_baseLabel->setText(
        tr("Sweeping <b>%1</b>; every other parameter as the Profile form has it.").arg(base.component()));
    if (!sameComponent)
        fillParameters();
}

void SweepWindow::fillParameters()
{
    m_parameter->clear();
    m_seriesParameter->clear();
    m_seriesParameter->addItem(tr("nothing (one curve)"));
    for (const ProfileParameter& parameter : ProfileParameter::forComponent(m_base->component())) {
        if (parameter.kind == ProfileParameter::Kind::Integer || parameter.kind == ProfileParameter::Kind::Real)
            m_parameter->addItem(parameter.name);
        else if (parameter.kind == ProfileParameter::Kind::Choice)
            m_seriesParameter->addItem(parameter.name);
    }
    const int capacity = m_parameter->findText(QStringLiteral("capacity"));
    const int workers = m_parameter->findText(QStringLiteral("workers"));
    m_parameter->setCurrentIndex(capacity >= 0 ? capacity : std::max(workers, 0));
    // A cache sweep compares the four policies by default: the miss-ratio curves against the optimum.
    m_seriesParameter->setCurrentIndex(std::max(m_seriesParameter->findText(QStringLiteral("policy")), 0));
}

bool SweepWindow::setSweep(const QString& spec, const QString& series, int repetitions)
{
    if (!m_base)
        return false;
    QString error;
    const auto parsed = SweepSpec::parse(m_base->component(), spec, &error);
    const auto parsedSeries = series.isEmpty() ? std::optional<SweepSeries>(SweepSeries {})
                                               : SweepSeries::parse(m_base->component(), series, &error);
    if (!parsed || !parsedSeries) {
        setStatus(error, true);
        return false;
    }
    m_parameter->setCurrentText(parsed->parameter);
    m_from->setText(QString::number(parsed->from, 'g', 10));
    m_to->setText(QString::number(parsed->to, 'g', 10));
    m_scale->setCurrentIndex(parsed->scale == SweepSpec::Scale::Log ? 0 : 1);
    m_points->setValue(parsed->points);
    m_seriesParameter->setCurrentIndex(
        parsedSeries->parameter.isEmpty() ? 0 : m_seriesParameter->findText(parsedSeries->parameter));
    m_seriesValues->setText(parsedSeries->values.join(QStringLiteral(",")));
    m_repetitions->setValue(repetitions);
    return true;
}

bool SweepWindow::requestSweep()
{
    if (m_running || !m_base)
        return false;
    if (const QString busy = m_busyCheck ? m_busyCheck() : QString(); !busy.isEmpty()) {
        setStatus(busy, true);
        return false;
    }
    const QString text = QStringLiteral("%1=%2..%3:%4:%5")
                             .arg(m_parameter->currentText(), m_from->text().trimmed(), m_to->text().trimmed(),
                                 m_scale->currentData().toString())
                             .arg(m_points->value());
    QString error;
    const auto spec = SweepSpec::parse(m_base->component(), text, &error);
    std::optional<SweepSeries> series = SweepSeries {};
    if (spec && m_seriesParameter->currentIndex() > 0)
        series = SweepSeries::parse(m_base->component(),
            QStringLiteral("%1=%2").arg(m_seriesParameter->currentText(), m_seriesValues->text()), &error);
    if (!spec || !series) {
        // The parser speaks of the command line's options; the form has fields of those names.
        setStatus(
            error.replace(QStringLiteral("--sweep"), tr("Sweep")).replace(QStringLiteral("--series"), tr("Curves")),
            true);
        return false;
    }
    m_running = true;
    m_run->setEnabled(false);
    setStatus(tr("Starting…"), false);
    Q_EMIT sweepRequested(*m_base, *spec, *series, m_repetitions->value());
    return true;
}

void SweepWindow::sweepStarted()
{
    m_running = true;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_result.reset();
    m_metric->clear();
    m_chart->clear();
    setStatus(tr("Sweeping…"), false);
}

void SweepWindow::showProgress(double fraction) { m_progress->setValue(int(std::lround(fraction * 1000))); }

void SweepWindow::showPoint(const SweepResult& sofar)
{
    showResult(sofar);
    setStatus(tr("Point %1 of %2 done").arg(sofar.finishedPoints()).arg(sofar.totalPoints()), false);
}

void SweepWindow::sweepFinished(const SweepResult& result)
{
    m_running = false;
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    showResult(result);
    if (!result.error.isEmpty())
        setStatus(tr("The sweep stopped: %1").arg(result.error), true);
    else if (result.cancelled)
        setStatus(tr("Cancelled: %1 of %2 points kept.").arg(result.finishedPoints()).arg(result.totalPoints()), false);
    else {
        m_progress->setValue(1000);
        setStatus(tr("Done: %1 points.").arg(result.finishedPoints()), false);
    }
}

void SweepWindow::showResult(const SweepResult& result)
{
    m_result = result;
    m_export->setEnabled(result.finishedPoints() > 0);
    const QString shown = m_metric->currentData().toString();
    {
        const QSignalBlocker blocker(m_metric);
        m_metric->clear();
        const QStringList metrics = result.metricNames();
        if (metrics.contains(QStringLiteral("belady_hit_ratio")))
            m_metric->addItem(tr("Miss-ratio curve (with LRU and Bélády)"), SweepChart::missRatioCurve);
        for (const QString& name : metrics) {
            if (const ProfileMetric* metric = ProfileMetric::find(name))
                m_metric->addItem(metric->label, name);
        }
        const int keep = m_metric->findData(shown);
        m_metric->setCurrentIndex(std::max(keep, 0));
    }
    showSelectedMetric();
}

void SweepWindow::showSelectedMetric()
{
    if (m_result && m_metric->currentIndex() >= 0)
        m_chart->setResult(*m_result, m_metric->currentData().toString());
}

bool SweepWindow::showMetric(const QString& name)
{
    const int index = m_metric->findData(name);
    if (index < 0)
        return false;
    m_metric->setCurrentIndex(index);
    return true;
}

bool SweepWindow::exportTo(const QString& path, QString* error)
{
    if (!m_result) {
        *error = tr("no sweep to export yet");
        return false;
    }
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return writeFileAtomically(path, m_result->toCsv(), error);
    return m_chart->exportImage(path, error);
}

void SweepWindow::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export sweep"), QStringLiteral("sweep.png"),
        tr("PNG image (*.png);;SVG image (*.svg);;PDF (*.pdf);;CSV, every point and metric (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportTo(path, &error))
        setStatus(tr("Exported %1").arg(path), false);
    else
        setStatus(error, true);
}

QString SweepWindow::statusText() const { return m_status->text(); }

void SweepWindow::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    setTextTone(m_status, error ? TextTone::Bad : TextTone::Plain);
}

} // namespace perfdash
