#include "TextTone.h"

#include "StyleSheet.h"
#include "Theme.h"

#include <QVariant>
#include <QWidget>

namespace perfdash {

namespace {
    const char* const toneProperty = "perfdashTextTone";
    const char* const extraStyleProperty = "perfdashTextToneStyle";

    QColor colorOf(const Theme& theme, TextTone tone)
    {
        switch (tone) {
        case TextTone::Plain:
            return theme.text;
        case TextTone::Muted:
            return theme.mutedText;
        case TextTone::Good:
            return theme.good;
        case TextTone::Bad:
            return theme.bad;
        case TextTone::Warning:
            return theme.warning;
        }
        return theme.text;
    }

    void applyTone(QWidget* label, const Theme& theme)
    {
        const auto tone = TextTone(label->property(toneProperty).toInt());
        const QString extra = label->property(extraStyleProperty).toString();
        // Plain text without extras follows the palette itself: no style sheet at all.
        const QString style = tone == TextTone::Plain && extra.isEmpty()
            ? QString()
            : (tone == TextTone::Plain ? QString() : Theme::textStyle(colorOf(theme, tone))) + extra;
        restyle(label, style);
    }
}

void setTextTone(QWidget* label, TextTone tone, const QString& extraStyle)
{
    label->setProperty(toneProperty, int(tone));
    label->setProperty(extraStyleProperty, extraStyle);
    applyTone(label, Theme::of(label));
}

void refreshTextTones(QWidget* root)
{
    const Theme& theme = Theme::of(root);
    const QList<QWidget*> children = root->findChildren<QWidget*>();
    for (QWidget* child : children) {
        if (child->property(toneProperty).isValid())
            applyTone(child, theme);
    }
}

} // namespace perfdash
