#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QStringList>

// Certificates for TLS tests are made on the spot with the openssl command (Debian package openssl), so none
// is ever checked in or expires in the repository.

// Runs openssl with arguments in directory, with no standard input; true when it exited 0.
bool runOpenssl(const QStringList& arguments, const QString& directory);

// A server's TLS configuration from PEM files of an EC private key and its certificate chain; the server asks
// nothing of its clients. Null key or certificate when a file cannot be read.
QSslConfiguration serverTlsConfiguration(const QString& keyFile, const QString& certificateFile);
