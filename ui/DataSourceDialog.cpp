#include "DataSourceDialog.h"

#include "DataSourceValidation.h"
#include "SecretReference.h"
#include "TextTone.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace perfdash {

DataSourceDialog::DataSourceDialog(const DataSourceSpec& source, Tester tester, QWidget* parent)
    : QDialog(parent)
    , m_original(source)
    , m_tester(std::move(tester))
{
    setWindowTitle(QStringLiteral("Prometheus data source"));
    auto* form = new QFormLayout;
    m_url = new QLineEdit(source.url.toString(), this);
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:9090  (Prometheus, Thanos, Mimir, VictoriaMetrics…)"));
    form->addRow(QStringLiteral("URL"), m_url);

    m_auth = new QComboBox(this);
    m_auth->addItem(QStringLiteral("none"), int(DataSourceAuth::None));
    m_auth->addItem(QStringLiteral("basic (user name + password)"), int(DataSourceAuth::Basic));
    m_auth->addItem(QStringLiteral("bearer token"), int(DataSourceAuth::Bearer));
    m_auth->setCurrentIndex(m_auth->findData(int(source.auth)));
    form->addRow(QStringLiteral("Authentication"), m_auth);
    m_username = new QLineEdit(source.username, this);
    form->addRow(QStringLiteral("User name"), m_username);
    m_secretRef = new QLineEdit(source.secretRef, this);
    m_secretRef->setPlaceholderText(QStringLiteral("env:PROMETHEUS_TOKEN  or  keychain:perfdash/prometheus"));
    m_secretRef->setToolTip(
        QStringLiteral("Where the password or token is read from at request time. The secret itself "
                       "is never saved in dashboards or settings."));
    form->addRow(QStringLiteral("Secret reference"), m_secretRef);
    auto* keychainRow = new QHBoxLayout;
    m_storeSecret = new QPushButton(QStringLiteral("Store in keychain…"), this);
    m_storeSecret->setToolTip(QStringLiteral("Saves the password or token in the OS keychain; the dashboard keeps "
                                             "only the keychain: reference"));
    m_removeSecret = new QPushButton(QStringLiteral("Remove"), this);
    m_removeSecret->setToolTip(QStringLiteral("Deletes the keychain entry the reference names"));
    m_keychainResult = new QLabel(this);
    m_keychainResult->setWordWrap(true);
    m_keychainResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    keychainRow->addWidget(m_storeSecret);
    keychainRow->addWidget(m_removeSecret);
    keychainRow->addStretch(1);
    form->addRow(QString(), keychainRow);
    form->addRow(QString(), m_keychainResult);
    connect(m_storeSecret, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString secret = QInputDialog::getText(this, QStringLiteral("Store in keychain"),
            QStringLiteral("Password or token for %1:").arg(m_url->text().trimmed()), QLineEdit::Password, QString(),
            &ok);
        if (ok && !secret.isEmpty())
            storeSecret(secret);
    });
    connect(m_removeSecret, &QPushButton::clicked, this, &DataSourceDialog::removeSecret);

    auto* caRow = new QHBoxLayout;
    m_caFile = new QLineEdit(source.caFile, this);
    m_caFile->setPlaceholderText(QStringLiteral("system CAs"));
    auto* browse = new QPushButton(QStringLiteral("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("CA certificate (PEM)"), QString(),
            QStringLiteral("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!path.isEmpty())
            m_caFile->setText(path);
    });
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    form->addRow(QStringLiteral("CA file"), caRow);
    m_skipVerify = new QCheckBox(QStringLiteral("Skip TLS verification"), this);
    m_skipVerify->setChecked(source.skipTlsVerify);
    form->addRow(QString(), m_skipVerify);
    m_skipWarning = new QLabel(QStringLiteral("⚠ Anyone between you and the server can read and change the data and "
                                              "steal the credentials. Use a CA file instead where you can."),
        this);
    m_skipWarning->setWordWrap(true);
    setTextTone(m_skipWarning, TextTone::Bad, QStringLiteral("font-weight: bold;"));
    form->addRow(QString(), m_skipWarning);
    m_timeout = new QSpinBox(this);
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_timeout->setValue(std::max(1, source.queryTimeoutMs / 1000));
    form->addRow(QStringLiteral("Query timeout"), m_timeout);

    auto* testRow = new QHBoxLayout;
    m_test = new QPushButton(QStringLiteral("Test"), this);
    m_testResult = new QLabel(this);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    connect(m_test, &QPushButton::clicked, this, &DataSourceDialog::runTest);

    m_problem = new QLabel(this);
    setTextTone(m_problem, TextTone::Bad);
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    for (QLineEdit* edit : { m_url, m_username, m_secretRef, m_caFile })
        connect(edit, &QLineEdit::textChanged, this, &DataSourceDialog::updateState);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &DataSourceDialog::updateState);
    connect(m_skipVerify, &QCheckBox::toggled, this, &DataSourceDialog::updateState);
    updateState();
    resize(560, sizeHint().height());
}

DataSourceSpec DataSourceDialog::source() const
{
    DataSourceSpec source = m_original;
    source.kind = DataSourceKind::Prometheus;
    source.url = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    source.auth = DataSourceAuth(m_auth->currentData().toInt());
    source.username = source.auth == DataSourceAuth::Basic ? m_username->text().trimmed() : QString();
    source.secretRef = source.auth == DataSourceAuth::None ? QString() : m_secretRef->text().trimmed();
    source.caFile = m_caFile->text().trimmed();
    source.skipTlsVerify = m_skipVerify->isChecked();
    source.queryTimeoutMs = m_timeout->value() * 1000;
    return source;
}

QString DataSourceDialog::problem() const
{
    const DataSourceSpec spec = source();
    const DataSourceProblem problem = dataSourceProblem(spec, UrlPlaceholders::Refused);
    if (problem.field.isEmpty())
        return {};
    // The form's own words for the field the problem is in (a secret reference's reason names itself).
    if (problem.field == u"url")
        return QStringLiteral("URL: ") + problem.reason;
    if (problem.field == u"username")
        return QStringLiteral("User name: ") + problem.reason;
    return problem.reason;
}

void DataSourceDialog::updateState()
{
    const auto auth = DataSourceAuth(m_auth->currentData().toInt());
    m_username->setEnabled(auth == DataSourceAuth::Basic);
    m_secretRef->setEnabled(auth != DataSourceAuth::None);
    m_storeSecret->setEnabled(auth != DataSourceAuth::None && m_keychain != nullptr);
    m_removeSecret->setEnabled(
        m_secretRef->text().trimmed().startsWith(QStringLiteral("keychain:")) && m_keychain != nullptr);
    m_skipWarning->setVisible(m_skipVerify->isChecked());
    const QString why = problem();
    m_problem->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    m_test->setEnabled(why.isEmpty() && m_tester != nullptr);
}

void DataSourceDialog::setKeychain(Keychain keychain)
{
    m_keychain = std::move(keychain);
    updateState();
}

std::optional<std::pair<QString, QString>> DataSourceDialog::keychainEntry(bool propose)
{
    QString text = m_secretRef->text().trimmed();
    if (propose && !text.startsWith(QStringLiteral("keychain:"))) {
        const QUrl url(m_url->text().trimmed());
        const QString account = url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
        text = QStringLiteral("keychain:perfdash/") + (account.isEmpty() ? QStringLiteral("prometheus") : account);
        m_secretRef->setText(text);
    }
    QString error;
    const std::optional<SecretReference> reference = SecretReference::parse(text, &error);
    if (!reference || reference->store != SecretReference::Store::Keychain) {
        showKeychainResult(
            false, reference ? QStringLiteral("the secret reference is not a keychain:SERVICE/ACCOUNT one") : error);
        return std::nullopt;
    }
    return std::pair { reference->name, reference->account };
}

void DataSourceDialog::showKeychainResult(bool ok, const QString& text)
{
    setTextTone(m_keychainResult, ok ? TextTone::Good : TextTone::Bad);
    m_keychainResult->setText(text);
    // A wrapped sentence needs more lines than the dialog was laid out for: grow it rather than cut words off.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void DataSourceDialog::storeSecret(const QString& secret)
{
    const auto entry = keychainEntry(true);
    if (!entry || !m_keychain)
        return;
    const QString reference = m_secretRef->text().trimmed();
    showKeychainResult(true, QStringLiteral("storing…"));
    m_keychain(
        entry->first, entry->second, secret, this, [this, reference](bool ok, bool noKeychain, const QString& message) {
            if (ok) {
                showKeychainResult(
                    true, QStringLiteral("stored in the OS keychain; the dashboard keeps only %1").arg(reference));
                return;
            }
            if (noKeychain) {
                // Offer the one other store there is: an environment variable, set before perfdash starts.
                const QString variable = DataSourceAuth(m_auth->currentData().toInt()) == DataSourceAuth::Bearer
                    ? QStringLiteral("PROMETHEUS_TOKEN")
                    : QStringLiteral("PROMETHEUS_PASSWORD");
                m_secretRef->setText(QStringLiteral("env:") + variable);
                showKeychainResult(false,
                    QStringLiteral("%1. The reference is now env:%2: export %2 before starting perfdash.")
                        .arg(message, variable));
                return;
            }
            showKeychainResult(false, message);
        });
}

void DataSourceDialog::removeSecret()
{
    const auto entry = keychainEntry(false);
    if (!entry || !m_keychain)
        return;
    m_keychain(entry->first, entry->second, std::nullopt, this, [this, entry](bool ok, bool, const QString& message) {
        showKeychainResult(
            ok, ok ? QStringLiteral("removed %1/%2 from the OS keychain").arg(entry->first, entry->second) : message);
    });
}

void DataSourceDialog::runTest()
{
    delete m_testContext;
    m_testContext = new QObject(this);
    setTextTone(m_testResult, TextTone::Plain);
    m_testResult->setText(QStringLiteral("testing…"));
    m_tester(source(), m_testContext, [this](bool ok, const QString& text) {
        setTextTone(m_testResult, ok ? TextTone::Good : TextTone::Bad);
        m_testResult->setText(text);
    });
}

} // namespace perfdash
