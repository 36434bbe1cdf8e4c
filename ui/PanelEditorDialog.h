#pragma once

#include "PanelSpec.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QSpinBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace perfdash {

// Adds or edits one panel: title, source, metric (streams) or PromQL query, legend format, unit and
// display scale, the target: target value, baseline and direction, thresholds, and how the scorecard reduces.
// OK stays disabled while the panel is incomplete, and the reason is shown.
class PanelEditorDialog : public QDialog {
    Q_OBJECT
public:
    PanelEditorDialog(const PanelSpec& panel, const QList<DataSourceSpec>& sources, QWidget* parent = nullptr);

    // The edited panel; fields the dialog does not show (unknown file fields, step) are kept.
    PanelSpec panel() const;
    // Empty when the panel is complete, else what is missing.
    QString problem() const;

    QLineEdit* queryEdit() const { return m_query; }
    // The source chosen now: what the query's autocomplete asks.
    QString sourceId() const;
    QComboBox* sourceChoice() const { return m_source; }
    QLineEdit* thresholdsEdit() const { return m_thresholds; }

private:
    void updateState();
    bool isPrometheusSource() const;
    bool isHeatmap() const;
    std::optional<double> scale() const;
    // Parses "1.8 warning, 2.5 critical #d93025"; on a bad entry returns nothing and says why in *problem.
    std::optional<QList<PanelThreshold>> thresholds(QString* problem) const;

    PanelSpec m_original;
    QList<DataSourceSpec> m_sources;
    QLineEdit* m_title = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_bucketScale = nullptr;
    QDoubleSpinBox* m_objective = nullptr;
    QComboBox* m_source = nullptr;
    QLineEdit* m_metric = nullptr;
    QLineEdit* m_query = nullptr;
    QLineEdit* m_legendFormat = nullptr;
    QLineEdit* m_unit = nullptr;
    QLineEdit* m_scale = nullptr; // text, not a spin box: 1/1048576 (bytes → MB) must survive an edit exactly
    QDoubleSpinBox* m_target = nullptr;
    QDoubleSpinBox* m_baseline = nullptr;
    QComboBox* m_direction = nullptr;
    QComboBox* m_reduce = nullptr;
    QSpinBox* m_maxSeries = nullptr;
    QLineEdit* m_thresholds = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace perfdash
