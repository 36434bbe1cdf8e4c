#include "KeychainSecrets.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

namespace perfdash {

namespace {
    KeychainOutcome outcomeOf(const QKeychain::Job& job, const QString& service, const QString& account)
    {
        const QString entry = QStringLiteral("%1/%2").arg(service, account);
        const auto noKeychain = [&job]() -> KeychainOutcome {
            return { false, true,
                QStringLiteral("no OS keychain service is available (%1); use an env:NAME secret reference instead — "
                               "perfdash never keeps secrets in plain text")
                    .arg(job.errorString()) };
        };
        switch (job.error()) {
        case QKeychain::NoError:
            return { true, false, {} };
        case QKeychain::EntryNotFound:
            return { false, false, QStringLiteral("the OS keychain has no entry %1").arg(entry) };
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
            return noKeychain();
        case QKeychain::AccessDenied:
        case QKeychain::AccessDeniedByUser:
            return { false, false, QStringLiteral("the OS keychain denied access to %1: %2").arg(entry, job.errorString()) };
        default:
            // libsecret without a session bus to reach (a console, a container) ends in OtherError with
            // D-Bus's words; for the user that is "no keychain service" as much as NoBackendAvailable is.
            if (job.errorString().contains(QStringLiteral("dbus"), Qt::CaseInsensitive)
                || job.errorString().startsWith(QStringLiteral("Could not connect")))
                return noKeychain();
            return { false, false, QStringLiteral("the OS keychain refused %1: %2").arg(entry, job.errorString()) };
        }
    }

    // A job deletes itself once finished; the callback runs only while `context` lives.
    template <typename Job, typename Finish>
    void run(Job* job, const QString& account, QObject* context, Finish finish)
    {
        job->setAutoDelete(true);
        job->setKey(account);
        job->setInsecureFallback(false); // never a plain-text settings file
        QObject::connect(job, &QKeychain::Job::finished, context ? context : job,
            [finish = std::move(finish)](QKeychain::Job* finished) { finish(static_cast<Job&>(*finished)); });
        job->start();
    }
}

void storeKeychainSecret(const QString& service, const QString& account, const QString& secret, QObject* context,
    std::function<void(KeychainOutcome)> done)
{
    auto* job = new QKeychain::WritePasswordJob(service);
    job->setTextData(secret);
    run(job, account, context,
        [service, account, done = std::move(done)](const QKeychain::Job& finished) { done(outcomeOf(finished, service, account)); });
}

void removeKeychainSecret(
    const QString& service, const QString& account, QObject* context, std::function<void(KeychainOutcome)> done)
{
    run(new QKeychain::DeletePasswordJob(service), account, context,
        [service, account, done = std::move(done)](const QKeychain::Job& finished) { done(outcomeOf(finished, service, account)); });
}

void readKeychainSecret(const QString& service, const QString& account, QObject* context,
    std::function<void(KeychainOutcome, QString)> done)
{
    run(new QKeychain::ReadPasswordJob(service), account, context,
        [service, account, done = std::move(done)](const QKeychain::ReadPasswordJob& finished) {
            const KeychainOutcome outcome = outcomeOf(finished, service, account);
            done(outcome, outcome.ok ? finished.textData() : QString());
        });
}

} // namespace perfdash
