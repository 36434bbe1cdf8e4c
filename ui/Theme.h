#pragma once

#include <QColor>
#include <QList>
#include <QPalette>

class QWidget;

namespace perfdash {

// The colours perfdash draws with, one set for a light background and one for a dark one: the widget
// palette, and the meanings a palette has no role for (met, not met, the target and baseline lines, the
// series). Widgets pick the set their own palette is drawn on, so an export can render a panel light
// while the window around it stays dark.
struct Theme {
    bool isDark = false;
    QPalette palette;

    QColor text;
    QColor mutedText;
    QColor good; // met, a healthy connection
    QColor bad; // not met, errors
    QColor warning; // drops, a paused view, partial data
    QColor noData; // the status badge when nothing can be judged
    QColor badgeText; // text on the good, bad and noData badges

    // The target keeps red and a dash, the baseline grey and dots, in both themes.
    QColor target;
    QColor baseline;
    QColor threshold; // a threshold the file gives no colour

    QColor chartBackground;
    QColor gridLine;
    QColor axisLine;
    QColor crosshairLine;
    QColor tooltipBackground;
    QColor tooltipBorder;
    QColor zoomSelection; // a drag that zooms
    QColor windowSelection; // a Ctrl-drag that picks a comparison window
    QColor beforeWindow;
    QColor afterWindow;
    QColor userAnnotation;
    QColor queryAnnotation; // from a stream or an annotation query
    QColor profilingAnnotation;
    QColor pageBackground; // behind the panels of a dashboard export

    // Okabe–Ito-based and checked under simulated colour blindness; no red, which is "not met".
    QList<QColor> series;
    // Lines over a heatmap's viridis cells (the same in both themes: they are drawn on the cells).
    QList<QColor> quantiles;

    static const Theme& light();
    static const Theme& dark();
    // The set for a palette: dark when its window colour is dark (Qt 6.4 has no colour-scheme hint).
    static const Theme& forPalette(const QPalette& palette);
    static const Theme& of(const QWidget* widget);

    QColor seriesColor(int index) const { return series.at(index % series.size()); }
    // A stronger shade of a colour for a selected or emphasised mark: away from the background.
    QColor emphasized(const QColor& color) const { return isDark ? color.lighter(130) : color.darker(130); }
    // "color: #5f6368;" for a label's style sheet.
    static QString textStyle(const QColor& color);
};

// Lightness below the middle: what "dark" means for a window colour.
bool isDarkPalette(const QPalette& palette);

} // namespace perfdash
