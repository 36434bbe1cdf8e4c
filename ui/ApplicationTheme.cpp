#include "ApplicationTheme.h"

#include "Theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace perfdash {

namespace {
    const QString settingsKey = QStringLiteral("view/theme");
    ThemeChoice applied = ThemeChoice::System;

    struct PlatformLook {
        QPalette palette;
        QString styleName;
    };

    // Taken before perfdash sets any palette of its own.
    const PlatformLook& platformLook()
    {
        static const PlatformLook look { QApplication::palette(), QApplication::style()->name() };
        return look;
    }

    void useStyle(const QString& name)
    {
        if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0)
            return;
        if (QStyle* style = QStyleFactory::create(name))
            QApplication::setStyle(style);
    }
}

std::optional<ThemeChoice> themeChoiceFromName(const QString& name)
{
    if (name == u"system")
        return ThemeChoice::System;
    if (name == u"light")
        return ThemeChoice::Light;
    if (name == u"dark")
        return ThemeChoice::Dark;
    return std::nullopt;
}

QString themeChoiceName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::System:
        return QStringLiteral("system");
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

ThemeChoice storedThemeChoice()
{
    return themeChoiceFromName(QSettings().value(settingsKey).toString()).value_or(ThemeChoice::System);
}

void storeThemeChoice(ThemeChoice choice) { QSettings().setValue(settingsKey, themeChoiceName(choice)); }

ThemeChoice appliedThemeChoice() { return applied; }

bool desktopPrefersDark() { return isDarkPalette(platformLook().palette); }

void applyApplicationTheme(ThemeChoice choice)
{
    const PlatformLook& platform = platformLook();
    applied = choice;
    const bool dark = choice == ThemeChoice::Dark || (choice == ThemeChoice::System && desktopPrefersDark());
    if (dark) {
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(Theme::dark().palette);
    } else if (!desktopPrefersDark()) {
        // A light desktop's own look is the light theme.
        useStyle(platform.styleName);
        QApplication::setPalette(platform.palette);
    } else {
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(Theme::light().palette);
    }
    // Qt posts the change to the widgets; deliver it now, so every widget is in the theme on return.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::ApplicationPaletteChange);
}

} // namespace perfdash
