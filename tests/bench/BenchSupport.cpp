#include "BenchSupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <cmath>
#include <map>
#include <random>

namespace perfdash::bench {

namespace {
    std::map<std::string, ChildMain>& children()
    {
        static std::map<std::string, ChildMain> registry;
        return registry;
    }
}

void rowLabel(benchmark::State& state, const std::string& section, const std::string& row, const std::string& role,
    const std::string& unit)
{
    state.SetLabel(section + "\x1f" + row + "\x1f" + role + "\x1f" + unit);
}

bool registerChild(const char* name, ChildMain main)
{
    children()[name] = main;
    return true;
}

int runChildIfRequested(int argc, char** argv)
{
    const std::string prefix = "--child=";
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument.rfind(prefix, 0) != 0)
            continue;
        const auto child = children().find(argument.substr(prefix.size()));
        if (child == children().end())
            return 2;
        QStringList rest;
        for (int j = i + 1; j < argc; ++j)
            rest << QString::fromLocal8Bit(argv[j]);
        return child->second(rest);
    }
    return -1;
}

QByteArray runChild(const char* name, const QStringList& arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(
        QCoreApplication::applicationFilePath(), QStringList { QStringLiteral("--child=") + name } + arguments);
    // A crashed child can report exit code 0; only a normal exit with 0 counts.
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning("bench: child %s failed: %s", name, qPrintable(process.errorString()));
        process.kill();
        process.waitForFinished();
        return {};
    }
    return process.readAllStandardOutput();
}

double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return std::nan("");
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return std::nan("");
}

std::vector<double> demoLikeValues(std::size_t n, std::uint64_t seed, int decimals)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> step(0.0, 0.02);
    const double scale = std::pow(10.0, decimals);
    std::vector<double> values(n);
    double level = 1.0 + double(seed % 7) * 0.25;
    for (double& value : values) {
        level = std::clamp(level + step(random), 0.05, 10.0);
        value = std::round(level * scale) / scale;
    }
    return values;
}

} // namespace perfdash::bench
