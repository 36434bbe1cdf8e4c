#include "DataSourceDialog.h"

#include "DataSourceValidation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
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
    m_skipWarning->setStyleSheet(QStringLiteral("color: #d93025; font-weight: bold;"));
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
    m_problem->setStyleSheet(QStringLiteral("color: #d93025;"));
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
    m_skipWarning->setVisible(m_skipVerify->isChecked());
    const QString why = problem();
    m_problem->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    m_test->setEnabled(why.isEmpty() && m_tester != nullptr);
}

void DataSourceDialog::runTest()
{
    delete m_testContext;
    m_testContext = new QObject(this);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(QStringLiteral("testing…"));
    m_tester(source(), m_testContext, [this](bool ok, const QString& text) {
        m_testResult->setStyleSheet(ok ? QStringLiteral("color: #1e8e3e;") : QStringLiteral("color: #d93025;"));
        m_testResult->setText(text);
    });
}

} // namespace perfdash
