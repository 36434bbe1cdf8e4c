#pragma once

#include <QTest>
#include <QtGlobal>

// ctest runs every test with QT_QPA_PLATFORM=offscreen; a test binary started by hand on a machine without a
// display would abort instead ("could not connect to display"). So the platform defaults to offscreen before
// the application is constructed, unless the caller chose one. Set for guiless tests too: the environment their
// child processes inherit is then the same by hand as under ctest.
inline void preferOffscreenPlatform()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

// QTEST_MAIN and QTEST_GUILESS_MAIN, headless unless told otherwise.
#define PERFDASH_TEST_MAIN(TestObject) QTEST_MAIN_WRAPPER(TestObject, preferOffscreenPlatform(); QTEST_MAIN_SETUP())
#define PERFDASH_TEST_GUILESS_MAIN(TestObject)                                                                         \
    QTEST_MAIN_WRAPPER(TestObject, preferOffscreenPlatform(); QTEST_QAPP_SETUP(QCoreApplication))
