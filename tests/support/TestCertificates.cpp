#include "TestCertificates.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>

bool runOpenssl(const QStringList& arguments, const QString& directory)
{
    QProcess openssl;
    openssl.setWorkingDirectory(directory);
    openssl.setStandardInputFile(QProcess::nullDevice());
    openssl.start(QStringLiteral("openssl"), arguments);
    return openssl.waitForFinished(20000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

QSslConfiguration serverTlsConfiguration(const QString& keyFile, const QString& certificateFile)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QFile key(keyFile);
    if (key.open(QIODevice::ReadOnly))
        tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    tls.setLocalCertificateChain(QSslCertificate::fromPath(certificateFile));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}
