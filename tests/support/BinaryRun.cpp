#include "BinaryRun.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

BinaryRun runBinary(const QString& program, const QStringList& arguments, const BinaryRun::Options& options)
{
    QProcess process;
    process.setProcessEnvironment(options.environment);
    process.start(program, arguments);
    if (!process.waitForStarted(5000))
        return {};
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, options.timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

QProcessEnvironment headlessEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
        environment.remove(QLatin1String(name));
    return environment;
}

QByteArray readOutputUntil(QProcess& process, QProcess::ProcessChannel channel,
    const std::function<bool(const QByteArray&)>& done, int timeoutMs)
{
    QByteArray output;
    QElapsedTimer clock;
    clock.start();
    process.setReadChannel(channel);
    while (!done(output) && clock.elapsed() < timeoutMs) {
        process.waitForReadyRead(200);
        output
            += channel == QProcess::StandardOutput ? process.readAllStandardOutput() : process.readAllStandardError();
    }
    return output;
}

QString outputField(const QByteArray& output, const QString& name)
{
    const QRegularExpression line(
        QStringLiteral("^%1: (\\S+)$").arg(QRegularExpression::escape(name)), QRegularExpression::MultilineOption);
    return line.match(QString::fromUtf8(output)).captured(1);
}
