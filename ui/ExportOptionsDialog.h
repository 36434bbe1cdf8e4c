#pragma once

#include "ScopedPanelTheme.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QDoubleSpinBox;

namespace perfdash {

// What an image export is drawn like: the theme (light by default, for print and slides; dark; or as the
// window shows it) and, for PNG, the scale. The theme choice is remembered for the next export.
class ExportOptionsDialog : public QDialog {
    Q_OBJECT
public:
    struct Options {
        ExportTheme theme = ExportTheme::Light;
        double scale = 1.0;
    };

    ExportOptionsDialog(bool askScale, QWidget* parent = nullptr);

    Options options() const;
    // Shows the dialog; nullopt when the user cancels. The chosen theme is stored.
    static std::optional<Options> ask(bool askScale, QWidget* parent);

private:
    QComboBox* m_theme = nullptr;
    QDoubleSpinBox* m_scale = nullptr; // PNG only
};

} // namespace perfdash
