#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <functional>

// What a finished run of a program left behind. exitCode is -1 when it crashed, did not start or was killed
// for taking too long.
struct BinaryRun {
    struct Options {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        int timeoutMs = 60000;
    };

    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs program to the end. The event loop keeps running meanwhile, so servers on this thread go on answering.
BinaryRun runBinary(const QString& program, const QStringList& arguments, const BinaryRun::Options& options = {});

// The system environment without any display, as on a CI machine with no X server or Wayland.
QProcessEnvironment headlessEnvironment();

// Reads channel of a running process until done(everything read so far) or timeoutMs; returns what was read.
QByteArray readOutputUntil(QProcess& process, QProcess::ProcessChannel channel,
    const std::function<bool(const QByteArray&)>& done, int timeoutMs = 10000);

// The value of a "name: value" line in output (perfdash prints its URLs so); empty when there is none.
QString outputField(const QByteArray& output, const QString& name);
