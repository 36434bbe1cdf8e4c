#include "GuiSession.h"

#include "DashboardView.h"
#include "DemoServer.h"
#include "MainWindow.h"
#include "StreamSource.h"

namespace perfdash {

GuiSession::GuiSession(GuiOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_window(std::make_unique<MainWindow>(defaultDashboard(), m_store))
{
    m_demoThread.setObjectName(QStringLiteral("perfdash-demo"));
    m_ingestThread.setObjectName(QStringLiteral("perfdash-ingest"));
    m_window->dashboard()->setWindowMs(m_options.windowMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &GuiSession::updateStatusBar);
}

GuiSession::~GuiSession()
{
    m_statusTimer.stop();
    // Stop and delete each worker object on its own thread, then end the thread.
    if (m_source) {
        QMetaObject::invokeMethod(m_source, [source = m_source] { delete source; }, Qt::BlockingQueuedConnection);
        m_source = nullptr;
    }
    if (m_demo) {
        QMetaObject::invokeMethod(m_demo, [demo = m_demo] { delete demo; }, Qt::BlockingQueuedConnection);
        m_demo = nullptr;
    }
    m_ingestThread.quit();
    m_demoThread.quit();
    m_ingestThread.wait();
    m_demoThread.wait();
}

bool GuiSession::start(QString* error)
{
    QUrl streamUrl = m_options.streamUrl;
    QString sourceText;
    if (streamUrl.isEmpty()) {
        DemoServerOptions demoOptions;
        demoOptions.scenario = m_options.scenario;
        demoOptions.malformedEvery = m_options.demoMalformedEvery;
        // Metrics are exposed too, so a local Prometheus can scrape the same demo.
        m_demo = new DemoServer(demoOptions);
        m_demo->moveToThread(&m_demoThread);
        m_demoThread.start();
        bool started = false;
        QMetaObject::invokeMethod(m_demo, [&] { started = m_demo->start(error); }, Qt::BlockingQueuedConnection);
        if (!started)
            return false;
        streamUrl = m_demo->streamUrl();
        sourceText = QStringLiteral("embedded demo (%1 scenario) · stream %2 · metrics %3")
                         .arg(demoScenarioName(m_options.scenario), streamUrl.toString(), m_demo->metricsUrl().toString());
    } else {
        sourceText = QStringLiteral("stream %1").arg(streamUrl.toDisplayString(QUrl::RemoveUserInfo));
    }

    m_source = new StreamSource(streamUrl, m_store);
    m_source->moveToThread(&m_ingestThread);
    connect(m_source, &StreamSource::statusChanged, m_window.get(), &MainWindow::setConnectionStatus);
    m_ingestThread.start();
    QMetaObject::invokeMethod(m_source, &StreamSource::start, Qt::QueuedConnection);

    m_window->setSourceDescription(sourceText);
    m_statusTimer.start(500);
    return true;
}

void GuiSession::updateStatusBar()
{
    // The countdown in "reconnecting in N s" moves with this poll, not only on state changes.
    m_window->setConnectionStatus(m_source->status());
    m_window->setIngestCounters(m_source->counters(), m_store.stats());
}

} // namespace perfdash
