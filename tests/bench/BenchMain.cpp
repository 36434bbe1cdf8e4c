// main() of every bench_*.cpp that does not bring its own: a QApplication (offscreen unless told
// otherwise, so charts can be painted) around Google Benchmark, plus the child-process modes.
#include "BenchSupport.h"

#include <QApplication>

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (const int childExit = perfdash::bench::runChildIfRequested(argc, argv); childExit >= 0)
        return childExit;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
