// Reads a pasted or opened list of e-mail addresses (CSV or plain text) and sorts each address
// into what an opt-out would do with it, on a worker thread.
#pragma once

#include "apitypes.h"
#include "usermodel.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <array>
#include <atomic>
#include <memory>

// One address (or one unreadable record) of the input, with the line it came from.
struct ImportEntry
{
    enum class Outcome : quint8 {
        Matched, // a user of the organisation not opted out yet: will be opted out
        AlreadyOptedOut,
        Unknown, // no user of the organisation has this address
        Duplicate, // the same user earlier in the input (see firstLine)
        Unreadable, // see problem
        Ignored, // the header row
    };
    static constexpr int OutcomeCount = 6;
    enum class Problem : quint8 {
        None,
        NotUtf8, // the record has bytes that are not UTF-8: never matched
        NoAddress, // no e-mail address in the record
        NotAnAddress, // a word with an '@' that is not an e-mail address (see email)
        Header, // Ignored: the first record, with no address, taken as column names
    };

    int line = 0; // 1-based: the line the record starts on
    Outcome outcome = Outcome::Unreadable;
    Problem problem = Problem::None;
    int firstLine = 0; // Duplicate: the line the user was first seen on
    QString input; // the record as read, on one line, cut at MaxShownInput characters
    QString email; // the address as written, without <>, mailto: or spaces; empty when none
    User user; // Matched, AlreadyOptedOut and Duplicate
};

// The organisation as the import compares with: copies of implicitly shared data, taken on the
// GUI thread in O(1) and read on the worker.
struct ImportDirectory
{
    QList<UserRow> users;
    QSet<QString> optedOut; // user ids, pending opt-outs included
};

struct ImportResult
{
    Q_DECLARE_TR_FUNCTIONS(ImportResult)
public:
    enum class Error {
        None,
        TooLarge, // over MaxInputBytes
        CannotOpen, // the file: see detail
        NotText, // NUL bytes: binary, or UTF-16 without a byte order mark
        BadUtf16, // a UTF-16 byte order mark, then something that is not UTF-16
        UnterminatedQuote, // errorLine: where the quoted field opens
        Cancelled,
    };

    Error error = Error::None;
    int errorLine = 0;
    QString detail; // CannotOpen: the system's reason
    QList<ImportEntry> entries; // in input order
    // The indexes into entries of each outcome, in input order.
    std::array<QList<int>, ImportEntry::OutcomeCount> byOutcome;
    int lineCount = 0; // lines read
    int blankLines = 0;
    int unreadableLines = 0; // lines with bytes that are not UTF-8

    bool ok() const { return error == Error::None; }
    int count(ImportEntry::Outcome outcome) const { return int(byOutcome[int(outcome)].size()); }
    // The ids of the users that would be opted out, in input order, each once.
    QStringList matchedUserIds() const;
    // The administrator's message for error(), translated.
    QString errorText() const;
};
Q_DECLARE_METATYPE(ImportResult)

namespace OptOutImport {
// Larger input is refused: a list of 200,000 addresses is about 10 MB.
constexpr qint64 MaxInputBytes = 50LL * 1024 * 1024;
constexpr int MaxShownInput = 200;

// Bytes of a file or paste: UTF-8 (with or without a byte order mark) or UTF-16 with one; CR,
// LF or CRLF line ends; fields separated by ';', ',' or tabs, RFC 4180 quoting; a header row.
// Every address of a record is read (a pasted "A <a@x>, B <b@x>" gives two); when the header
// names an e-mail column, only that column is. `cancel` is polled; set, the result is
// Cancelled.
ImportResult read(const QByteArray &bytes, const ImportDirectory &directory,
                  const std::atomic_bool *cancel = nullptr);
// The same for text already decoded (a paste).
ImportResult read(const QString &text, const ImportDirectory &directory,
                  const std::atomic_bool *cancel = nullptr);
// Reads the file on the calling thread (a worker): refused above MaxInputBytes unread.
ImportResult readFile(const QString &path, const ImportDirectory &directory,
                      const std::atomic_bool *cancel = nullptr);

// The address in one word ("<a@x>", "mailto:a@x", "a@x."), or empty; *hadAt tells whether
// the word had an '@' at all (a malformed address rather than other text).
QString addressIn(QStringView word, bool *hadAt = nullptr);
} // namespace OptOutImport

// Runs an import on a worker thread; a new start() or cancel() drops the one running (its
// result is never delivered). The GUI thread only copies implicitly shared data.
class ImportJob final : public QObject
{
    Q_OBJECT
public:
    explicit ImportJob(QObject *parent = nullptr);
    ~ImportJob() override; // cancels and waits for the worker

    void startBytes(const QByteArray &bytes, const ImportDirectory &directory);
    void startText(const QString &text, const ImportDirectory &directory);
    void startFile(const QString &path, const ImportDirectory &directory);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void runningChanged(bool running);
    void finished(const ImportResult &result);

private:
    template<typename F> void launch(F work);
    void onFinished();

    QFutureWatcher<ImportResult> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};
