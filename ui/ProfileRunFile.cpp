#include "ProfileRunFile.h"

#include "ProfileRunJson.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

namespace perfdash {

namespace {
    // The Profiling tab's context, so the sentences translate as they did when the page wrote them.
    QString tr(const char* text) { return QCoreApplication::translate("perfdash::ProfilingPage", text); }
}

bool writeProfileRunFile(const ProfileRun& run, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ProfileRunJson::write(run)) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<ProfileRun> readProfileRunFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString problem;
    auto run = ProfileRunJson::read(file.readAll(), &problem);
    if (!run && error)
        *error = tr("%1: %2").arg(path, problem);
    return run;
}

} // namespace perfdash
