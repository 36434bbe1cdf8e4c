#pragma once

#include <QString>
#include <QWidget>

namespace perfdash {

// Sets a widget's style sheet unless it already has this one: setting it again re-polishes the widget,
// which labels refreshed many times a second cannot afford.
inline void restyle(QWidget* widget, const QString& style)
{
    if (widget->styleSheet() != style)
        widget->setStyleSheet(style);
}

} // namespace perfdash
