// Test helper for tst_savecrash: saves two different dashboards to one path, alternately, until killed.
#include "DashboardFile.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>

#include <cstdio>

using namespace perfdash;

namespace {
DashboardSpec version(const QString& name, int panelCount)
{
    DashboardSpec dashboard = defaultDashboard();
    dashboard.name = name;
    // Big enough that a kill often lands in the middle of writing it.
    const PanelSpec model = dashboard.panels.first();
    dashboard.panels.clear();
    for (int i = 0; i < panelCount; ++i) {
        PanelSpec panel = model;
        panel.title = QStringLiteral("%1 panel %2").arg(name).arg(i);
        dashboard.panels << panel;
    }
    return dashboard;
}
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fputs("usage: dashboard_save_loop FILE\n", stderr);
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const DashboardSpec versions[] = { version(QStringLiteral("old"), 400), version(QStringLiteral("new"), 600) };
    QElapsedTimer clock;
    clock.start();
    for (unsigned long long round = 0;; ++round) {
        QString error;
        if (!DashboardFile::save(versions[round % 2], path, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        // Both versions written once: tell the test how long a save takes here (sanitizers slow it a lot),
        // so it can kill at random points spread over several saves.
        if (round == 1) {
            std::printf("ready %lld\n", static_cast<long long>(std::max<qint64>(1, clock.elapsed() / 2)));
            std::fflush(stdout);
        }
    }
}
