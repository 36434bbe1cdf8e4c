#include "PanelEditorDialog.h"

#include "TextTone.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    // The lowest value reads "none": a target or baseline not set yet (NaN in the spec).
    QDoubleSpinBox* numberBox(double value, QWidget* parent)
    {
        auto* box = new QDoubleSpinBox(parent);
        box->setRange(-std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
        box->setDecimals(6);
        box->setSpecialValueText(QStringLiteral("none"));
        box->setValue(std::isfinite(value) ? value : box->minimum());
        return box;
    }

    double numberOf(const QDoubleSpinBox* box) { return box->value() == box->minimum() ? std::nan("") : box->value(); }
}

PanelEditorDialog::PanelEditorDialog(const PanelSpec& panel, const QList<DataSourceSpec>& sources, QWidget* parent)
    : QDialog(parent)
    , m_original(panel)
    , m_sources(sources)
{
    setWindowTitle(panel.title.isEmpty() ? QStringLiteral("Add panel") : QStringLiteral("Edit panel"));
    auto* form = new QFormLayout(this);

    m_title = new QLineEdit(panel.title, this);
    form->addRow(QStringLiteral("&Title:"), m_title);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("panelKind"));
    m_kind->addItem(QStringLiteral("time series: lines over time"), int(PanelKind::TimeSeries));
    m_kind->addItem(QStringLiteral("heatmap: a histogram's buckets over time"), int(PanelKind::Heatmap));
    m_kind->setCurrentIndex(m_kind->findData(int(panel.kind)));
    form->addRow(QStringLiteral("&Kind:"), m_kind);
    m_source = new QComboBox(this);
    m_source->addItem(QStringLiteral("the dashboard's live stream"), QString());
    for (const DataSourceSpec& source : sources) {
        m_source->addItem(
            QStringLiteral("%1 (%2)").arg(source.id,
                source.kind == DataSourceKind::Prometheus ? QStringLiteral("Prometheus") : QStringLiteral("stream")),
            source.id);
    }
    m_source->setCurrentIndex(std::max(0, m_source->findData(panel.sourceId)));
    form->addRow(QStringLiteral("&Source:"), m_source);
    m_metric = new QLineEdit(panel.metric, this);
    m_metric->setPlaceholderText(QStringLiteral("http_request_duration_seconds:p95"));
    form->addRow(QStringLiteral("&Metric:"), m_metric);
    m_query = new QLineEdit(panel.query, this);
    m_query->setPlaceholderText(QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(…_bucket[1m])))"));
    form->addRow(QStringLiteral("PromQL &query:"), m_query);
    m_legendFormat = new QLineEdit(panel.legendFormat, this);
    m_legendFormat->setPlaceholderText(QStringLiteral("{{endpoint}}"));
    form->addRow(QStringLiteral("&Legend format:"), m_legendFormat);
    m_unit = new QLineEdit(panel.unit, this);
    m_unit->setPlaceholderText(QStringLiteral("s, %, MB"));
    form->addRow(QStringLiteral("&Unit:"), m_unit);
    m_scale = new QLineEdit(QString::number(panel.displayScale, 'g', QLocale::FloatingPointShortest), this);
    m_scale->setToolTip(
        QStringLiteral("Raw values are multiplied by this before they are shown (100 for a ratio in %)"));
    form->addRow(QStringLiteral("Display s&cale:"), m_scale);
    m_target = numberBox(panel.target.target, this);
    form->addRow(QStringLiteral("Tar&get:"), m_target);
    m_baseline = numberBox(panel.target.baseline, this);
    form->addRow(QStringLiteral("&Baseline:"), m_baseline);
    m_direction = new QComboBox(this);
    m_direction->addItem(QStringLiteral("lower is better (<)"), int(Direction::LowerIsBetter));
    m_direction->addItem(QStringLiteral("higher is better (>)"), int(Direction::HigherIsBetter));
    m_direction->setCurrentIndex(m_direction->findData(int(panel.target.direction)));
    form->addRow(QStringLiteral("&Direction:"), m_direction);
    QStringList thresholdTexts;
    for (const PanelThreshold& threshold : panel.thresholds) {
        QStringList parts { QString::number(threshold.value, 'g', QLocale::FloatingPointShortest) };
        if (!threshold.label.isEmpty())
            parts << threshold.label;
        if (!threshold.color.isEmpty())
            parts << threshold.color;
        thresholdTexts << parts.join(QLatin1Char(' '));
    }
    m_thresholds = new QLineEdit(thresholdTexts.join(QStringLiteral(", ")), this);
    m_thresholds->setPlaceholderText(QStringLiteral("1.8 warning, 2.5 critical #d93025"));
    m_thresholds->setToolTip(QStringLiteral("Dashed lines across the chart, in display units: value, optional label "
                                            "and optional #rrggbb color, separated by commas"));
    form->addRow(QStringLiteral("T&hresholds:"), m_thresholds);
    m_reduce = new QComboBox(this);
    m_reduce->addItem(QStringLiteral("latest value of the worst series"), int(ScorecardReduce::WorstLatest));
    m_reduce->addItem(QStringLiteral("peak in the visible window"), int(ScorecardReduce::WindowPeak));
    m_reduce->setCurrentIndex(m_reduce->findData(int(panel.reduce)));
    form->addRow(QStringLiteral("Score&card:"), m_reduce);
    m_maxSeries = new QSpinBox(this);
    m_maxSeries->setObjectName(QStringLiteral("maxSeries"));
    m_maxSeries->setRange(1, PanelSpec::maxSeriesLimit);
    m_maxSeries->setValue(panel.maxSeries);
    m_maxSeries->setSuffix(QStringLiteral(" series, the worst first"));
    m_maxSeries->setToolTip(QStringLiteral("The chart draws at most this many series, picked by the scorecard's rule; "
                                           "the scorecard, the Targets table and CSV exports use every series."));
    form->addRow(QStringLiteral("Draw at &most:"), m_maxSeries);
    m_bucketScale = new QComboBox(this);
    m_bucketScale->setObjectName(QStringLiteral("bucketScale"));
    m_bucketScale->addItem(QStringLiteral("log"), int(BucketScale::Log));
    m_bucketScale->addItem(QStringLiteral("linear"), int(BucketScale::Linear));
    m_bucketScale->setCurrentIndex(m_bucketScale->findData(int(panel.bucketScale)));
    form->addRow(QStringLiteral("Bucket &axis:"), m_bucketScale);
    m_objective = new QDoubleSpinBox(this);
    m_objective->setObjectName(QStringLiteral("objective"));
    m_objective->setRange(0.1, 99.9);
    m_objective->setDecimals(1);
    m_objective->setSuffix(QStringLiteral(" % under the target"));
    m_objective->setValue(panel.objective * 100.0);
    m_objective->setToolTip(QStringLiteral("The share of observations that must fall under the target: 95 % reads "
                                           "\"p95 < target\"."));
    form->addRow(QStringLiteral("&Objective:"), m_objective);

    m_problem = new QLabel(this);
    setTextTone(m_problem, TextTone::Bad);
    form->addRow(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(m_buttons);

    for (QLineEdit* edit : { m_title, m_metric, m_query })
        connect(edit, &QLineEdit::textChanged, this, &PanelEditorDialog::updateState);
    connect(m_source, &QComboBox::currentIndexChanged, this, &PanelEditorDialog::updateState);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &PanelEditorDialog::updateState);
    connect(m_scale, &QLineEdit::textChanged, this, &PanelEditorDialog::updateState);
    connect(m_thresholds, &QLineEdit::textChanged, this, &PanelEditorDialog::updateState);
    updateState();
}

QString PanelEditorDialog::sourceId() const { return m_source->currentData().toString(); }

bool PanelEditorDialog::isPrometheusSource() const
{
    const QString id = sourceId();
    for (const DataSourceSpec& source : m_sources) {
        if (source.id == id)
            return source.kind == DataSourceKind::Prometheus;
    }
    return false;
}

bool PanelEditorDialog::isHeatmap() const { return PanelKind(m_kind->currentData().toInt()) == PanelKind::Heatmap; }

QString PanelEditorDialog::problem() const
{
    if (m_title->text().trimmed().isEmpty())
        return QStringLiteral("Give the panel a title.");
    if (isPrometheusSource() && m_query->text().trimmed().isEmpty())
        return QStringLiteral("A Prometheus panel needs a PromQL query.");
    if (!isPrometheusSource() && m_metric->text().trimmed().isEmpty())
        return QStringLiteral("A stream panel needs a metric name.");
    if (isHeatmap() && !isPrometheusSource() && m_metric->text().trimmed().endsWith(QStringLiteral("_bucket")))
        return QStringLiteral("Give the histogram's name without \"_bucket\".");
    const auto factor = scale();
    if (!factor || *factor == 0.0)
        return QStringLiteral("The display scale must be a number other than 0.");
    QString thresholdProblem;
    if (!thresholds(&thresholdProblem))
        return thresholdProblem;
    return {};
}

void PanelEditorDialog::updateState()
{
    const bool prometheus = isPrometheusSource();
    m_metric->setEnabled(!prometheus);
    m_query->setEnabled(prometheus);
    m_legendFormat->setEnabled(prometheus && !isHeatmap());
    m_reduce->setEnabled(!isHeatmap());
    m_maxSeries->setEnabled(!isHeatmap());
    m_bucketScale->setEnabled(isHeatmap());
    m_objective->setEnabled(isHeatmap());
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

std::optional<double> PanelEditorDialog::scale() const
{
    bool ok = false;
    const double value = m_scale->text().trimmed().toDouble(&ok);
    return ok && std::isfinite(value) ? std::optional(value) : std::nullopt;
}

std::optional<QList<PanelThreshold>> PanelEditorDialog::thresholds(QString* problem) const
{
    static const QRegularExpression colorPattern(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    QList<PanelThreshold> result;
    const QStringList entries = m_thresholds->text().split(QLatin1Char(','));
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QStringList words = entries[i].split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.isEmpty()) {
            if (entries.size() == 1)
                return result; // an empty field: no thresholds
            *problem = QStringLiteral("Threshold %1 is empty; write e.g. \"1.8 warning, 2.5 critical\".").arg(i + 1);
            return std::nullopt;
        }
        PanelThreshold threshold;
        bool ok = false;
        threshold.value = words.takeFirst().toDouble(&ok);
        if (!ok || !std::isfinite(threshold.value)) {
            *problem = QStringLiteral("Threshold %1 (\"%2\") must start with a number, like \"1.8 warning\".")
                           .arg(i + 1)
                           .arg(entries[i].trimmed());
            return std::nullopt;
        }
        if (!words.isEmpty() && words.last().startsWith(QLatin1Char('#'))) {
            if (!colorPattern.match(words.last()).hasMatch()) {
                *problem = QStringLiteral("Threshold %1: the color \"%2\" must look like #e6a100.")
                               .arg(i + 1)
                               .arg(words.last());
                return std::nullopt;
            }
            threshold.color = words.takeLast();
        }
        threshold.label = words.join(QLatin1Char(' '));
        result << threshold;
    }
    return result;
}

PanelSpec PanelEditorDialog::panel() const
{
    PanelSpec panel = m_original;
    panel.title = m_title->text().trimmed();
    panel.sourceId = m_source->currentData().toString();
    const bool prometheus = isPrometheusSource();
    panel.metric = prometheus ? QString() : m_metric->text().trimmed();
    panel.query = prometheus ? m_query->text().trimmed() : QString();
    panel.legendFormat = prometheus ? m_legendFormat->text() : QString();
    panel.unit = m_unit->text().trimmed();
    panel.displayScale = scale().value_or(m_original.displayScale);
    panel.target.target = numberOf(m_target);
    panel.target.baseline = numberOf(m_baseline);
    panel.target.direction = Direction(m_direction->currentData().toInt());
    panel.reduce = ScorecardReduce(m_reduce->currentData().toInt());
    panel.maxSeries = m_maxSeries->value();
    panel.kind = PanelKind(m_kind->currentData().toInt());
    panel.bucketScale = BucketScale(m_bucketScale->currentData().toInt());
    panel.objective = m_objective->value() / 100.0;
    QString ignored;
    panel.thresholds = thresholds(&ignored).value_or(m_original.thresholds);
    return panel;
}

} // namespace perfdash
