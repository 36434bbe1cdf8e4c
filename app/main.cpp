#include "CompareCommand.h"
#include "CompareWindowsCommand.h"
#include "DemoServerCommand.h"
#include "GuiCommand.h"
#include "HistoryCommand.h"
#include "ImportGrafanaCommand.h"
#include "ProfileCommand.h"
#include "SnapshotCommand.h"
#include "SweepCommand.h"

#include <QApplication>
#include <cstdio>
#include <cstring>

using namespace perfdash;

namespace {

// Qt aborts when no platform plugin can start; say what to do instead, before it tries.
bool displayAvailable(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-platform") == 0 || std::strcmp(argv[i], "--platform") == 0)
            return true;
    }
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

// --platform NAME is our spelling of Qt's -platform; Qt reads the environment variable.
void applyPlatformOption(int argc, char** argv)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--platform") == 0)
            qputenv("QT_QPA_PLATFORM", argv[i + 1]);
    }
}

bool wantsHelpOrVersion(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char* flag : { "-h", "--help", "-v", "--version", "--help-all" }) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("perfdash"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PERFDASH_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("perfdash"));

    if (argc > 1 && std::strcmp(argv[1], "snapshot") == 0) {
        // Always offscreen: a snapshot must render the same on a CI runner and on a desktop, and show no window.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return runSnapshotCommand(app.arguments());
    }
    if (argc > 1 && std::strcmp(argv[1], "compare-windows") == 0) {
        // Offscreen like a snapshot: stream panels run a session, whose window is never shown.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return runCompareWindowsCommand(app.arguments());
    }
    if (argc > 1 && std::strcmp(argv[1], "profile") == 0) {
        QCoreApplication app(argc, argv);
        return runProfileCommand(app.arguments());
    }
    if (argc > 1 && std::strcmp(argv[1], "compare") == 0) {
        QCoreApplication app(argc, argv);
        return runCompareCommand(app.arguments());
    }
    if (argc > 1 && std::strcmp(argv[1], "sweep") == 0) {
        QCoreApplication app(argc, argv);
        return runSweepCommand(app.arguments());
    }
    if (argc > 1 && std::strcmp(argv[1], "history") == 0) {
        QCoreApplication app(argc, argv);
        return runHistoryCommand(app.arguments());
    }
    if (argc > 1 && std::strcmp(argv[1], "import-grafana") == 0) {
        QCoreApplication app(argc, argv);
        return runImportGrafanaCommand(app.arguments());
    }
    if (argc > 1 && std::strcmp(argv[1], "demo-server") == 0) {
        QCoreApplication app(argc, argv);
        return runDemoServerCommand(app.arguments());
    }

    applyPlatformOption(argc, argv);
    if (!wantsHelpOrVersion(argc, argv) && !displayAvailable(argc, argv)) {
        std::fputs("perfdash: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                   "  Run it under a virtual display:  xvfb-run scripts/run\n"
                   "  or render without one:           scripts/run --platform offscreen\n",
            stderr);
        return 2;
    }
    if (wantsHelpOrVersion(argc, argv) && !displayAvailable(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // --help must work on a headless machine too

    QApplication app(argc, argv);
    return runGuiCommand(app);
}
