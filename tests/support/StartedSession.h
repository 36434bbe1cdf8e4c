#pragma once

#include "GuiSession.h"

// A GuiSession started as the app starts it, for tests of the whole window. Header-only: only tests that link
// the app library include it. A test checks the start where QVERIFY can return from the test function:
//     StartedSession session(options);
//     QVERIFY2(session.isStarted(), qPrintable(session.startError()));
class StartedSession : public perfdash::GuiSession {
public:
    explicit StartedSession(perfdash::GuiOptions options = {})
        : GuiSession(std::move(options))
    {
        m_started = start(&m_startError);
    }

    bool isStarted() const { return m_started; }
    const QString& startError() const { return m_startError; }

private:
    bool m_started = false;
    QString m_startError;
};
