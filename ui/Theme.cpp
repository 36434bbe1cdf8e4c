#include "Theme.h"

#include <QWidget>

namespace perfdash {

namespace {
    QPalette paletteOf(const QColor& window, const QColor& base, const QColor& alternateBase, const QColor& text,
        const QColor& button, const QColor& highlight, const QColor& highlightedText, const QColor& disabledText,
        const QColor& placeholder)
    {
        QPalette palette(button, window);
        palette.setColor(QPalette::Window, window);
        palette.setColor(QPalette::WindowText, text);
        palette.setColor(QPalette::Base, base);
        palette.setColor(QPalette::AlternateBase, alternateBase);
        palette.setColor(QPalette::Text, text);
        palette.setColor(QPalette::Button, button);
        palette.setColor(QPalette::ButtonText, text);
        palette.setColor(QPalette::ToolTipBase, base);
        palette.setColor(QPalette::ToolTipText, text);
        palette.setColor(QPalette::Highlight, highlight);
        palette.setColor(QPalette::HighlightedText, highlightedText);
        palette.setColor(QPalette::Link, highlight);
        palette.setColor(QPalette::PlaceholderText, placeholder);
        for (const QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
            palette.setColor(QPalette::Disabled, role, disabledText);
        return palette;
    }

    Theme makeLight()
    {
        Theme theme;
        theme.isDark = false;
        theme.palette = paletteOf(QColor(0xef, 0xf0, 0xf1), Qt::white, QColor(0xf5, 0xf6, 0xf7),
            QColor(0x20, 0x21, 0x24), QColor(0xef, 0xf0, 0xf1), QColor(0x1a, 0x73, 0xe8), Qt::white,
            QColor(0x9a, 0xa0, 0xa6), QColor(0x80, 0x86, 0x8b));
        theme.text = QColor(0x20, 0x21, 0x24);
        theme.mutedText = QColor(0x5f, 0x63, 0x68);
        theme.good = QColor(0x1e, 0x8e, 0x3e);
        theme.bad = QColor(0xd9, 0x30, 0x25);
        theme.warning = QColor(0xb0, 0x60, 0x00);
        theme.noData = QColor(0x70, 0x75, 0x7a);
        theme.badgeText = Qt::white;
        theme.target = QColor(0xd9, 0x30, 0x25);
        theme.baseline = QColor(0x5f, 0x63, 0x68);
        theme.threshold = QColor(0xe6, 0xa1, 0x00); // Grafana's default threshold amber
        theme.chartBackground = Qt::white;
        theme.gridLine = QColor(0xe0, 0xe2, 0xe5);
        theme.axisLine = QColor(0x9a, 0xa0, 0xa6);
        theme.crosshairLine = QColor(90, 90, 90, 160);
        theme.tooltipBackground = QColor(255, 255, 255, 235);
        theme.tooltipBorder = QColor(160, 160, 160);
        theme.zoomSelection = QColor(0x00, 0x72, 0xb2);
        theme.windowSelection = QColor(0xe6, 0x9f, 0x00);
        theme.beforeWindow = QColor(0x00, 0x72, 0xb2);
        theme.afterWindow = QColor(0x00, 0x9e, 0x73);
        theme.userAnnotation = QColor(0x88, 0x44, 0xaa);
        theme.queryAnnotation = QColor(0xd5, 0x5e, 0x00);
        theme.profilingAnnotation = QColor(0x00, 0x9e, 0x73);
        theme.pageBackground = QColor(0xf1, 0xf3, 0xf4);
        // Okabe–Ito's blue, green and reddish purple, its orange darkened to 3:1 on white, black, and two of
        // Paul Tol's (wine, indigo) for the sky blue and yellow, which are too pale on white.
        theme.series = { QColor(0x00, 0x72, 0xb2), QColor(0xb5, 0x7c, 0x00), QColor(0x00, 0x9e, 0x73),
            QColor(0xcc, 0x79, 0xa7), QColor(0x00, 0x00, 0x00), QColor(0x88, 0x22, 0x55), QColor(0x33, 0x22, 0x88) };
        // None of viridis' blues, greens and yellows, and not the target's red.
        theme.quantiles = { QColor(0x56, 0xb4, 0xe9), QColor(0xe6, 0x9f, 0x00), QColor(0xcc, 0x79, 0xa7), Qt::white };
        return theme;
    }

    Theme makeDark()
    {
        Theme theme = makeLight();
        theme.isDark = true;
        theme.palette = paletteOf(QColor(0x2d, 0x2f, 0x31), QColor(0x1f, 0x20, 0x23), QColor(0x28, 0x2a, 0x2d),
            QColor(0xe8, 0xea, 0xed), QColor(0x3c, 0x40, 0x43), QColor(0x8a, 0xb4, 0xf8), QColor(0x20, 0x21, 0x24),
            QColor(0x80, 0x86, 0x8b), QColor(0x9a, 0xa0, 0xa6));
        theme.palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x51));
        theme.palette.setColor(QPalette::Midlight, QColor(0x3c, 0x40, 0x43));
        theme.palette.setColor(QPalette::Mid, QColor(0x5f, 0x63, 0x68));
        theme.palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
        theme.palette.setColor(QPalette::Shadow, Qt::black);
        theme.text = QColor(0xe8, 0xea, 0xed);
        theme.mutedText = QColor(0x9a, 0xa0, 0xa6);
        theme.good = QColor(0x81, 0xc9, 0x95);
        theme.bad = QColor(0xf2, 0x8b, 0x82);
        theme.warning = QColor(0xfc, 0xad, 0x70);
        theme.noData = QColor(0x9a, 0xa0, 0xa6);
        theme.badgeText = QColor(0x20, 0x21, 0x24); // dark text on the light badges a dark theme needs
        theme.target = QColor(0xf2, 0x8b, 0x82);
        theme.baseline = QColor(0x9a, 0xa0, 0xa6);
        theme.chartBackground = QColor(0x1f, 0x20, 0x23);
        theme.gridLine = QColor(0x3c, 0x40, 0x43);
        theme.axisLine = QColor(0x80, 0x86, 0x8b);
        theme.crosshairLine = QColor(200, 200, 200, 160);
        theme.tooltipBackground = QColor(0x30, 0x31, 0x34, 240);
        theme.tooltipBorder = QColor(0x5f, 0x63, 0x68);
        theme.zoomSelection = QColor(0x56, 0xb4, 0xe9);
        theme.beforeWindow = QColor(0x56, 0xb4, 0xe9);
        theme.userAnnotation = QColor(0xc3, 0x9b, 0xd3);
        theme.pageBackground = QColor(0x17, 0x18, 0x1a);
        // Okabe–Ito as published, sky blue first; its black becomes the text grey.
        theme.series = { QColor(0x56, 0xb4, 0xe9), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
            QColor(0xcc, 0x79, 0xa7), QColor(0xf0, 0xe4, 0x42), QColor(0xd5, 0x5e, 0x00), QColor(0xe8, 0xea, 0xed) };
        return theme;
    }
}

bool isDarkPalette(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

const Theme& Theme::light()
{
    static const Theme theme = makeLight();
    return theme;
}

const Theme& Theme::dark()
{
    static const Theme theme = makeDark();
    return theme;
}

const Theme& Theme::forPalette(const QPalette& palette) { return isDarkPalette(palette) ? dark() : light(); }

const Theme& Theme::of(const QWidget* widget) { return widget ? forPalette(widget->palette()) : light(); }

QString Theme::textStyle(const QColor& color) { return QStringLiteral("color: %1;").arg(color.name()); }

} // namespace perfdash
