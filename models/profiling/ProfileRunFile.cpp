#include "ProfileRunFile.h"

#include "ProfileRunJson.h"

#include <QFile>
#include <QSaveFile>

namespace perfdash {

bool writeProfileRunFile(const ProfileRun& run, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ProfileRunJson::write(run)) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<ProfileRun> readProfileRunFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString problem;
    auto run = ProfileRunJson::read(file.readAll(), &problem);
    if (!run && error)
        *error = QStringLiteral("%1: %2").arg(path, problem);
    return run;
}

} // namespace perfdash
