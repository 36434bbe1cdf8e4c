#pragma once

#include "PanelSpec.h"

#include <QWidget>

class QLabel;

namespace perfdash {

// A panel's header: title, the current value with its unit, met / not met against the target,
// and the change vs the baseline. Colour carries met/not met, the words carry it too.
class Scorecard : public QWidget {
    Q_OBJECT
public:
    explicit Scorecard(const PanelSpec& spec, QWidget* parent = nullptr);

    // current is in display units; NaN shows "no data".
    void setCurrentValue(double current);
    // There is data, but none at the latest step (it falls in a gap): says so, with the value last seen
    // (display units) and when, instead of claiming there is no data.
    void setNoCurrentValue(qint64 lastSeenMs, double lastValue, bool utc);

    // A heatmap's scorecard: the share of observations under the target ("83.0 % < 1.6 s"), met when the
    // quantile at the panel's objective (p95) is under the target, and that quantile against the baseline.
    void setDistribution(double shareUnderTarget, double objectiveQuantile);

    // The title as shown: the panel's, with the dashboard variables' choices in it ("Latency (/api)").
    void setShownTitle(const QString& title);
    QString titleText() const;
    QString valueText() const;
    QString detailText() const;
    QString statusText() const;
    QString changeText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class Badge { Met, NotMet, Neutral };
    // The badge's and the value's colours in the theme the scorecard is drawn in.
    void showBadge(Badge badge);
    // The status badge and the value's colour for a met or missed target.
    void showMet(bool met);
    // The status for a value against the target, or "NO TARGET" when none is set; and the change against
    // the baseline, or that there is none.
    void showEvaluation(double value, const QString& prefix);

    PanelSpec m_spec;
    Badge m_badge = Badge::Neutral;
    QLabel* m_title = nullptr;
    QLabel* m_value = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_detail = nullptr;
    QLabel* m_change = nullptr;
};

} // namespace perfdash
