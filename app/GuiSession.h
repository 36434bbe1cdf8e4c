#pragma once

#include "DemoScenario.h"
#include "TimeSeriesStore.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace perfdash {

class DemoServer;
class MainWindow;
class StreamSource;

struct GuiOptions {
    // Empty: start the embedded demo in-process and stream from it.
    QUrl streamUrl;
    DemoScenario scenario = DemoScenario::Baseline;
    int demoMalformedEvery = 0;
    qint64 windowMs = 60'000;
};

// The composition root of the GUI: one store, an ingest thread for the stream source, a thread for the
// embedded demo, and the main window. Owns their order of start and shutdown.
class GuiSession : public QObject {
    Q_OBJECT
public:
    explicit GuiSession(GuiOptions options, QObject* parent = nullptr);
    ~GuiSession() override;

    // Starts the demo (when no stream URL was given) and the stream source. False with *error on failure.
    bool start(QString* error);

    MainWindow* window() const { return m_window.get(); }
    const TimeSeriesStore& store() const { return m_store; }
    StreamSource* source() const { return m_source; }

private:
    void updateStatusBar();

    GuiOptions m_options;
    TimeSeriesStore m_store;
    QThread m_demoThread;
    QThread m_ingestThread;
    DemoServer* m_demo = nullptr;
    StreamSource* m_source = nullptr;
    std::unique_ptr<MainWindow> m_window;
    QTimer m_statusTimer;
};

} // namespace perfdash
