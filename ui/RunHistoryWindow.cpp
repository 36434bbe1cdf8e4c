#include "RunHistoryWindow.h"

#include "ChangePointAnnotation.h"
#include "RunHistoryChart.h"
#include "RunHistoryFiles.h"
#include "TextTone.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QThreadPool>
#include <QVBoxLayout>

namespace perfdash {

RunHistoryWindow::RunHistoryWindow(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Run history"));
    auto* open = new QPushButton(tr("Open folder…"));
    m_folderLabel = new QLabel(tr("No folder open"));
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* top = new QHBoxLayout;
    top->addWidget(open);
    top->addWidget(m_folderLabel, 1);

    const ChangePointOptions defaults;
    m_metric = new QComboBox;
    m_metric->setMinimumContentsLength(24);
    m_minSegment = new QSpinBox;
    m_minSegment->setRange(2, 1000);
    m_minSegment->setValue(defaults.minSegment);
    m_minSegment->setToolTip(tr("Fewest runs on either side of a change point"));
    m_pValue = new QDoubleSpinBox;
    m_pValue->setDecimals(3);
    // 499 permutations cannot show a p-value below 1/500.
    m_pValue->setRange(1.0 / (defaults.permutations + 1), 0.5);
    m_pValue->setSingleStep(0.005);
    m_pValue->setValue(defaults.maxPValue);
    m_pValue->setToolTip(tr("Largest permutation p-value a change point may have"));
    m_minChange = new QDoubleSpinBox;
    m_minChange->setRange(0, 1000);
    m_minChange->setSuffix(QStringLiteral(" %"));
    m_minChange->setToolTip(tr("Changes smaller than this share of the level before are ignored"));
    auto* options = new QHBoxLayout;
    auto* form = new QFormLayout;
    form->addRow(tr("Metric"), m_metric);
    options->addLayout(form);
    auto* detector = new QFormLayout;
    detector->addRow(tr("Min. segment (runs)"), m_minSegment);
    auto* detector2 = new QFormLayout;
    detector2->addRow(tr("p-value ≤"), m_pValue);
    auto* detector3 = new QFormLayout;
    detector3->addRow(tr("Min. change"), m_minChange);
    options->addLayout(detector);
    options->addLayout(detector2);
    options->addLayout(detector3);
    options->addStretch(1);

    m_status = new QLabel(tr("Open a folder of run files of one component (perfdash profile --out), for example "
                             "CI artifacts, one per commit."));
    m_status->setWordWrap(true);
    m_chart = new RunHistoryChart;
    m_report = new QPlainTextEdit;
    m_report->setReadOnly(true);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_chart);
    split->addWidget(m_report);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(options);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    resize(1000, 720);

    connect(open, &QPushButton::clicked, this, &RunHistoryWindow::chooseFolder);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &RunHistoryWindow::showSelectedMetric);
    // Re-analysed when a value is committed (Enter, focus out, arrows), not on every keystroke.
    for (QAbstractSpinBox* box : std::initializer_list<QAbstractSpinBox*> { m_minSegment, m_pValue, m_minChange })
        box->setKeyboardTracking(false);
    connect(m_minSegment, &QSpinBox::valueChanged, this, &RunHistoryWindow::analyse);
    connect(m_pValue, &QDoubleSpinBox::valueChanged, this, &RunHistoryWindow::analyse);
    connect(m_minChange, &QDoubleSpinBox::valueChanged, this, &RunHistoryWindow::analyse);
}

RunHistoryWindow::~RunHistoryWindow() = default;

void RunHistoryWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder of run files"));
    if (!folder.isEmpty())
        openFolder(folder);
}

bool RunHistoryWindow::openFolder(const QString& folder, QString* error)
{
    QString problem;
    auto runs = readHistoryRuns({ folder }, &problem);
    if (!runs) {
        // The history open before stays as it was.
        setStatus(problem, true);
        if (error)
            *error = problem;
        return false;
    }
    m_runs = std::move(*runs);
    m_folderLabel->setText(folder);
    analyse();
    return true;
}

ChangePointOptions RunHistoryWindow::options() const
{
    ChangePointOptions options;
    options.minSegment = m_minSegment->value();
    options.maxPValue = m_pValue->value();
    options.minRelativeChange = m_minChange->value() / 100;
    return options;
}

void RunHistoryWindow::setOptions(const ChangePointOptions& options)
{
    const QSignalBlocker a(m_minSegment);
    const QSignalBlocker b(m_pValue);
    const QSignalBlocker c(m_minChange);
    m_minSegment->setValue(options.minSegment);
    m_pValue->setValue(options.maxPValue);
    m_minChange->setValue(options.minRelativeChange * 100);
    analyse();
}

void RunHistoryWindow::analyse()
{
    if (m_runs.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_analysing = true;
    setStatus(tr("Analysing %1 runs…").arg(m_runs.size()), false);
    QThreadPool::globalInstance()->start(
        [window = QPointer<RunHistoryWindow>(this), runs = m_runs, options = options(), generation] {
            QString error;
            std::optional<RunHistory> history = RunHistory::analyse(runs, options, &error);
            // Dropped with the window if it is gone by then.
            QMetaObject::invokeMethod(
                window,
                [window, history = std::move(history), error, generation] {
                    if (window && generation == window->m_generation)
                        window->showAnalysis(history, error);
                },
                Qt::QueuedConnection);
        });
}

void RunHistoryWindow::showAnalysis(const std::optional<RunHistory>& history, const QString& error)
{
    m_analysing = false;
    m_history = history;
    const QString shown = m_metric->currentData().toString();
    {
        const QSignalBlocker blocker(m_metric);
        m_metric->clear();
        if (m_history) {
            for (const MetricHistory& metric : m_history->metrics()) {
                const QString mark = metric.latestSegmentRegressed() ? QStringLiteral("  ⚠ regression")
                    : metric.changePoints.isEmpty()                  ? QString()
                                                    : QStringLiteral("  (%1)").arg(metric.changePoints.size());
                m_metric->addItem(metric.metric.label + mark, metric.metric.name);
            }
        }
    }
    if (!m_history) {
        m_chart->clear();
        m_report->clear();
        setStatus(error, true);
        Q_EMIT changePointsAnnotated({});
        Q_EMIT analysisFinished();
        return;
    }
    m_report->setPlainText(m_history->toText());
    QStringList regressed;
    int changePoints = 0;
    for (const MetricHistory& metric : m_history->metrics()) {
        changePoints += int(metric.changePoints.size());
        if (metric.latestSegmentRegressed())
            regressed << metric.metric.label;
    }
    QString summary = tr("%1: %2 runs, %3 change points")
                          .arg(m_history->component())
                          .arg(m_history->runs().size())
                          .arg(changePoints);
    if (!m_history->leftOut().isEmpty())
        summary += tr("; %1 files left out (see the report)").arg(m_history->leftOut().size());
    if (!regressed.isEmpty())
        summary += tr(". The latest segment regressed: %1").arg(regressed.join(QStringLiteral(", ")));
    setStatus(summary, !regressed.isEmpty());
    // The metric shown before stays shown; otherwise the first that changed, else the first.
    int index = m_metric->findData(shown);
    for (qsizetype i = 0; index < 0 && i < m_history->metrics().size(); ++i) {
        if (!m_history->metrics()[i].changePoints.isEmpty())
            index = int(i);
    }
    {
        const QSignalBlocker blocker(m_metric);
        m_metric->setCurrentIndex(std::max(index, 0));
    }
    showSelectedMetric();
    Q_EMIT changePointsAnnotated(changePointAnnotations(*m_history));
    Q_EMIT analysisFinished();
}

void RunHistoryWindow::showSelectedMetric()
{
    if (!m_history || m_metric->currentIndex() < 0) {
        m_chart->clear();
        return;
    }
    m_chart->setMetric(m_history->metrics()[m_metric->currentIndex()]);
}

bool RunHistoryWindow::showMetric(const QString& name)
{
    const int index = m_metric->findData(name);
    if (index < 0)
        return false;
    m_metric->setCurrentIndex(index);
    return true;
}

QString RunHistoryWindow::reportText() const { return m_report->toPlainText(); }

QString RunHistoryWindow::statusText() const { return m_status->text(); }

void RunHistoryWindow::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    setTextTone(m_status, error ? TextTone::Bad : TextTone::Plain);
}

} // namespace perfdash
