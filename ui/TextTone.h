#pragma once

#include <QString>

class QWidget;

namespace perfdash {

// What a label's colour means, so it can be drawn again in another theme: a red error stays the theme's
// red when the palette turns dark.
enum class TextTone { Plain, Muted, Good, Bad, Warning };

// Colours the label's text for tone in the theme it is drawn in; extraStyle is appended to the style
// sheet ("font-weight: bold;"). The tone is kept on the label for refreshTextTones.
void setTextTone(QWidget* label, TextTone tone, const QString& extraStyle = {});
// Draws every toned widget under root again in root's theme. For root's changeEvent on a PaletteChange:
// the children get the new palette only after root has seen the event, so root's theme is the one.
void refreshTextTones(QWidget* root);

} // namespace perfdash
