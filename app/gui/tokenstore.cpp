// Keeps a remembered access token in the system keychain (QtKeychain), never in a settings file.
#include "tokenstore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

Q_LOGGING_CATEGORY(lcTokenStore, "optout.gui.keychain")

namespace {

QString keychainErrorText(QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return TokenStore::tr("No system keychain is available.");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return TokenStore::tr("Access to the system keychain was denied.");
    case QKeychain::CouldNotDeleteEntry:
        return TokenStore::tr("The token could not be removed from the system keychain.");
    case QKeychain::OtherError:
        break;
    }
    return TokenStore::tr("The system keychain reported an error.");
}

// Runs `job` and calls `done` exactly once: with the job's outcome, or with a timeout error if
// the keychain never answers. The job is not deleted while it may still call back.
template<typename Done>
void runWithTimeout(TokenStore *store, QKeychain::Job *job, int timeoutMs, Done done)
{
    auto finished = std::make_shared<bool>(false);
    auto *timer = new QTimer(store);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, store, [finished, timer, done]() {
        timer->deleteLater();
        if (*finished)
            return;
        *finished = true;
        qCWarning(lcTokenStore) << "keychain did not answer in time";
        done(nullptr, TokenStore::tr("The system keychain did not answer."));
    });
    QObject::connect(
        job, &QKeychain::Job::finished, store, [finished, timer, done](QKeychain::Job *j) {
            timer->stop();
            timer->deleteLater();
            if (*finished)
                return;
            *finished = true;
            if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
                qCWarning(lcTokenStore) << "keychain error" << j->errorString();
            done(j, keychainErrorText(j));
        });
    timer->start(timeoutMs);
    job->start();
}

} // namespace

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{
}

QString TokenStore::serviceName()
{
    return QStringLiteral("optout-admin");
}

void TokenStore::readToken(const QString &account)
{
    if (m_reading.contains(account))
        return;
    m_reading.insert(account);
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    runWithTimeout(this, job, m_timeoutMs,
                   [this, account](QKeychain::Job *j, const QString &error) {
                       m_reading.remove(account);
                       QString token;
                       if (j && error.isEmpty())
                           token = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                       Q_EMIT readFinished(account, token, error);
                   });
}

void TokenStore::writeToken(const QString &account, const QString &token)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    job->setTextData(token);
    runWithTimeout(this, job, m_timeoutMs, [this, account](QKeychain::Job *, const QString &error) {
        Q_EMIT writeFinished(account, error);
    });
}

void TokenStore::deleteToken(const QString &account)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    runWithTimeout(this, job, m_timeoutMs, [this, account](QKeychain::Job *, const QString &error) {
        Q_EMIT deleteFinished(account, error);
    });
}
