#pragma once

#include "DataSourceSpec.h"

#include <QDialog>
#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace perfdash {

// Adds or edits a Prometheus data source: URL, authentication (none, basic, bearer) with a secret
// *reference* (env:NAME or keychain:SERVICE/ACCOUNT, never the secret), a CA file, the explicit "skip TLS
// verification" switch (warned when on) and the query timeout. "Test" asks the server for its version.
class DataSourceDialog : public QDialog {
    Q_OBJECT
public:
    // Runs a connection test and calls back (on the GUI thread) with success and a sentence to show.
    using Tester = std::function<void(const DataSourceSpec&, QObject* context, std::function<void(bool, QString)>)>;

    // The OS keychain, for "Store in keychain…" and "Remove": `secret` set stores it under SERVICE/ACCOUNT,
    // nullopt removes the entry. `done` gets success, whether no keychain service answered at all, and a
    // sentence to show. The app wires it to QtKeychain; unset, the buttons are disabled.
    using KeychainDone = std::function<void(bool ok, bool noKeychain, const QString& message)>;
    using Keychain = std::function<void(const QString& service, const QString& account,
        const std::optional<QString>& secret, QObject* context, KeychainDone done)>;

    DataSourceDialog(const DataSourceSpec& source, Tester tester, QWidget* parent = nullptr);
    void setKeychain(Keychain keychain);
    // What the buttons do, without the password prompt (for tests): store `secret` under the reference in
    // the field (a keychain: one is proposed when the field holds none), or remove that entry.
    void storeSecret(const QString& secret);
    void removeSecret();
    QLabel* keychainResult() const { return m_keychainResult; }

    DataSourceSpec source() const;
    // Empty when the source can be saved, else what is wrong.
    QString problem() const;

    QLineEdit* urlEdit() const { return m_url; }
    QComboBox* authChoice() const { return m_auth; }
    QLineEdit* secretEdit() const { return m_secretRef; }
    QCheckBox* skipVerifyCheck() const { return m_skipVerify; }
    QLabel* skipVerifyWarning() const { return m_skipWarning; }

private:
    void updateState();
    void runTest();
    // The keychain entry the field names, or a proposed keychain:perfdash/HOST:PORT put into the field.
    std::optional<std::pair<QString, QString>> keychainEntry(bool propose);
    void showKeychainResult(bool ok, const QString& text);

    DataSourceSpec m_original;
    Tester m_tester;
    QLineEdit* m_url = nullptr;
    QComboBox* m_auth = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_secretRef = nullptr;
    QLineEdit* m_caFile = nullptr;
    QCheckBox* m_skipVerify = nullptr;
    QLabel* m_skipWarning = nullptr;
    QSpinBox* m_timeout = nullptr;
    QPushButton* m_test = nullptr;
    QPushButton* m_storeSecret = nullptr;
    QPushButton* m_removeSecret = nullptr;
    QLabel* m_keychainResult = nullptr;
    Keychain m_keychain;
    QLabel* m_testResult = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QObject* m_testContext = nullptr; // replaced per test, so a stale answer is dropped
};

} // namespace perfdash
