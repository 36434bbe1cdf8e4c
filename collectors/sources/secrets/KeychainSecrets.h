#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace perfdash {

// What a keychain job ended with: done, or a sentence for the user. `noKeychain` says no OS keychain service
// answered at all, so the dialog can offer an env:NAME reference instead; perfdash never falls back to
// plain text.
struct KeychainOutcome {
    bool ok = false;
    bool noKeychain = false;
    QString message;
};

// The OS keychain (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows Credential Store) under
// SERVICE/ACCOUNT, as a keychain:SERVICE/ACCOUNT secret reference names it. Each call starts one job and
// calls `done` once, on the caller's thread, unless `context` was destroyed first.
void storeKeychainSecret(const QString& service, const QString& account, const QString& secret, QObject* context,
    std::function<void(KeychainOutcome)> done);
void removeKeychainSecret(
    const QString& service, const QString& account, QObject* context, std::function<void(KeychainOutcome)> done);
// Reads it: `secret` set when ok.
void readKeychainSecret(const QString& service, const QString& account, QObject* context,
    std::function<void(KeychainOutcome, QString secret)> done);

} // namespace perfdash
