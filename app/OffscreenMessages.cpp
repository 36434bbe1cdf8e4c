#include "OffscreenMessages.h"

#include <QString>
#include <QtGlobal>

namespace perfdash {

namespace {
    QtMessageHandler defaultHandler = nullptr;

    void dropOffscreenNoise(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        if (message.contains(QLatin1String("does not support propagateSizeHints"))
            || message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
            return;
        defaultHandler(type, context, message);
    }
}

void quietOffscreenMessages()
{
    QtMessageHandler previous = qInstallMessageHandler(dropOffscreenNoise);
    if (previous != dropOffscreenNoise)
        defaultHandler = previous;
}

} // namespace perfdash
