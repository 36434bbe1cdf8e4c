#include "Scorecard.h"

#include "StyleSheet.h"
#include "Theme.h"
#include "ValueFormat.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <cmath>

namespace perfdash {

namespace {
    QString badgeStyle(const QColor& background, const QColor& text)
    {
        return QStringLiteral("QLabel { background: %1; color: %2; border-radius: 4px; padding: 2px 8px; }")
            .arg(background.name(), text.name());
    }

    QString targetDetail(const PanelSpec& spec)
    {
        const QString target = spec.target.hasTarget()
            ? QStringLiteral("target %1 %2")
                  .arg(directionSymbol(spec.target.direction), formatValue(spec.target.target, spec.unit))
            : QStringLiteral("no target set");
        const QString baseline = spec.target.hasBaseline()
            ? QStringLiteral("baseline %1").arg(formatValue(spec.target.baseline, spec.unit))
            : QStringLiteral("no baseline");
        return target + QStringLiteral(" · ") + baseline;
    }
}

Scorecard::Scorecard(const PanelSpec& spec, QWidget* parent)
    : QWidget(parent)
    , m_spec(spec)
{
    m_title = new QLabel(spec.title, this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);

    m_value = new QLabel(this);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.8);
    valueFont.setBold(true);
    m_value->setFont(valueFont);

    m_status = new QLabel(this);
    m_status->setAlignment(Qt::AlignCenter);

    m_detail = new QLabel(targetDetail(spec), this);
    m_change = new QLabel(this);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setHorizontalSpacing(10);
    layout->setVerticalSpacing(0);
    layout->addWidget(m_title, 0, 0, 1, 2);
    layout->addWidget(m_value, 1, 0, 2, 1, Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_status, 0, 2, Qt::AlignRight);
    layout->addWidget(m_detail, 1, 1, 1, 2, Qt::AlignRight);
    layout->addWidget(m_change, 2, 1, 1, 2, Qt::AlignRight);
    layout->setColumnStretch(1, 1);
    setCurrentValue(std::nan(""));
}

void Scorecard::showMet(bool met)
{
    m_status->setText(met ? QStringLiteral("MET") : QStringLiteral("NOT MET"));
    showBadge(met ? Badge::Met : Badge::NotMet);
}

void Scorecard::showBadge(Badge badge)
{
    m_badge = badge;
    const Theme& theme = Theme::of(this);
    const QColor background = badge == Badge::Met ? theme.good : badge == Badge::NotMet ? theme.bad : theme.noData;
    restyle(m_status, badgeStyle(background, theme.badgeText));
    restyle(m_value, badge == Badge::Neutral ? QString() : Theme::textStyle(background));
    restyle(m_detail, Theme::textStyle(theme.mutedText));
}

void Scorecard::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showBadge(m_badge);
}

void Scorecard::setCurrentValue(double current)
{
    m_value->setText(formatValue(current, m_spec.unit));
    if (std::isnan(current)) {
        m_status->setText(QStringLiteral("NO DATA"));
        showBadge(Badge::Neutral);
        m_change->setText(QStringLiteral("waiting for samples"));
        return;
    }
    showEvaluation(current, QString());
}

void Scorecard::showEvaluation(double value, const QString& prefix)
{
    const TargetEvaluation evaluation = evaluateTarget(m_spec.target, value);
    if (m_spec.target.hasTarget()) {
        showMet(evaluation.met);
    } else {
        m_status->setText(QStringLiteral("NO TARGET"));
        showBadge(Badge::Neutral);
    }
    const QString change = m_spec.target.hasBaseline()
        ? QStringLiteral("%1 vs baseline (%2)")
              .arg(formatPercentChange(evaluation.changeVsBaselinePercent),
                  evaluation.improved ? QStringLiteral("better") : QStringLiteral("worse"))
        : QString(); // the detail line already says there is none
    m_change->setText(prefix.isEmpty() || change.isEmpty() ? prefix + change : prefix + QStringLiteral(" · ") + change);
}

void Scorecard::setNoCurrentValue(qint64 lastSeenMs, double lastValue, bool utc)
{
    m_value->setText(formatValue(std::nan(""), m_spec.unit));
    m_status->setText(QStringLiteral("NO VALUE"));
    showBadge(Badge::Neutral);
    const QDateTime at = utc ? QDateTime::fromMSecsSinceEpoch(lastSeenMs, Qt::UTC)
                             : QDateTime::fromMSecsSinceEpoch(lastSeenMs);
    m_change->setText(QStringLiteral("no value at the latest step; last value %1 at %2%3")
                          .arg(formatValue(lastValue, m_spec.unit), at.toString(QStringLiteral("HH:mm:ss")),
                              utc ? QStringLiteral(" UTC") : QString()));
}

void Scorecard::setDistribution(double shareUnderTarget, double objectiveQuantile)
{
    const QString quantileName = quantileLabel(m_spec.objective);
    if (!m_spec.target.hasTarget() && !std::isnan(objectiveQuantile)) {
        // Without a target there is no share under it: the objective's quantile is the panel's number.
        m_value->setText(QStringLiteral("%1 %2").arg(quantileName, formatValue(objectiveQuantile, m_spec.unit)));
        showEvaluation(objectiveQuantile, QString());
        return;
    }
    if (std::isnan(shareUnderTarget)) {
        setCurrentValue(std::nan(""));
        return;
    }
    const QString target = formatValue(m_spec.target.target, m_spec.unit);
    m_value->setText(QStringLiteral("%1 % < %2").arg(QString::number(shareUnderTarget * 100.0, 'f', 1), target));
    m_detail->setText(QStringLiteral("objective %1 % < %2 · baseline %3 %4")
                          .arg(QString::number(m_spec.objective * 100.0, 'g', 4), target, quantileName,
                              formatValue(m_spec.target.baseline, m_spec.unit)));
    // Met is the quantile against the target, the same rule as every other panel's and the Targets table's;
    // the share under the target says the same thing as an SLO reads it.
    showEvaluation(objectiveQuantile, quantileName + u' ' + formatValue(objectiveQuantile, m_spec.unit));
}

QString Scorecard::detailText() const { return m_detail->text(); }

void Scorecard::setShownTitle(const QString& title) { m_title->setText(title); }

QString Scorecard::titleText() const { return m_title->text(); }

QString Scorecard::valueText() const
{
    return m_value->text();
}

QString Scorecard::statusText() const
{
    return m_status->text();
}

QString Scorecard::changeText() const
{
    return m_change->text();
}

} // namespace perfdash
