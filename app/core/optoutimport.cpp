// Reads a pasted or opened list of e-mail addresses and sorts each into what an opt-out would do.
#include "optoutimport.h"

#include <QFile>
#include <QHash>
#include <QStringDecoder>
#include <QtConcurrent/QtConcurrentRun>

#include <vector>

namespace {

constexpr int CancelCheckEvery = 4096; // records (or lines) between two looks at the flag

bool cancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

ImportResult failure(ImportResult::Error error, int line = 0)
{
    ImportResult result;
    result.error = error;
    result.errorLine = line;
    return result;
}

// The input as text, '\n' between lines, and which lines were not UTF-8.
struct DecodedText
{
    QString text;
    std::vector<char> badLine; // 1-based; badLine[0] unused
    int lineCount = 0;
    ImportResult::Error error = ImportResult::Error::None;
};

bool isAscii(const char *p, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i) {
        if (uchar(p[i]) >= 0x80)
            return false;
    }
    return true;
}

// Line by line, so that a bad byte marks its own line only; ASCII lines skip the decoder.
DecodedText decodeUtf8(const QByteArray &bytes, qsizetype from, const std::atomic_bool *cancel)
{
    DecodedText out;
    out.text.reserve(bytes.size() - from);
    out.badLine.push_back(0);
    const char *data = bytes.constData();
    const qsizetype n = bytes.size();
    static const QByteArray replacement = QByteArrayLiteral("\xEF\xBF\xBD");
    qsizetype pos = from;
    int line = 0;
    while (pos < n) {
        qsizetype end = pos;
        while (end < n && data[end] != '\n' && data[end] != '\r')
            ++end;
        ++line;
        if (line > 1)
            out.text.append(QLatin1Char('\n'));
        const char *p = data + pos;
        const qsizetype length = end - pos;
        bool bad = false;
        if (isAscii(p, length)) {
            out.text.append(QLatin1String(p, length));
        } else {
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QByteArrayView raw(p, length);
            const QString decoded = decoder.decode(raw);
            // A replacement character that the bytes did not spell out is a decoding error
            // (this also catches a sequence cut short at the end of the line).
            bad = decoder.hasError()
                || (decoded.contains(QChar::ReplacementCharacter) && !raw.contains(replacement));
            out.text.append(decoded);
        }
        out.badLine.push_back(bad ? 1 : 0);
        if (end + 1 < n && data[end] == '\r' && data[end + 1] == '\n')
            ++end;
        pos = end + 1;
        if (line % CancelCheckEvery == 0 && cancelled(cancel)) {
            out.error = ImportResult::Error::Cancelled;
            return out;
        }
    }
    out.lineCount = line;
    return out;
}

int countLines(const QString &text)
{
    return text.isEmpty() ? 0 : int(text.count(QLatin1Char('\n'))) + 1;
}

DecodedText fromText(QString text)
{
    DecodedText out;
    if (text.contains(QLatin1Char('\r'))) {
        text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    }
    // A final line end ends the last line; it does not start an empty one.
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    out.lineCount = countLines(text);
    out.badLine.assign(size_t(out.lineCount) + 2, 0);
    out.text = std::move(text);
    return out;
}

bool hasLoneSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return true;
    }
    return false;
}

DecodedText decode(const QByteArray &bytes, const std::atomic_bool *cancel)
{
    const bool le = bytes.startsWith("\xFF\xFE");
    if (le || bytes.startsWith("\xFE\xFF")) {
        QStringDecoder decoder(le ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE,
                               QStringDecoder::Flag::Stateless);
        const QByteArrayView body = QByteArrayView(bytes).sliced(2);
        QString text = decoder.decode(body);
        if (decoder.hasError() || body.size() % 2 != 0 || text.contains(QChar(0))
            || hasLoneSurrogate(text)) {
            DecodedText out;
            out.error = ImportResult::Error::BadUtf16;
            return out;
        }
        return fromText(std::move(text));
    }
    // NUL bytes do not occur in a text file: binary, or UTF-16 without a byte order mark.
    if (bytes.contains('\0')) {
        DecodedText out;
        out.error = ImportResult::Error::NotText;
        return out;
    }
    return decodeUtf8(bytes, bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0, cancel);
}

bool isWordBreak(QChar c)
{
    return c.isSpace() || c == QLatin1Char(',') || c == QLatin1Char(';');
}

// A header cell naming the e-mail column, in the shipped languages too.
bool namesEmailColumn(QStringView cell)
{
    const QString folded = cell.trimmed().toString().toCaseFolded();
    return folded.contains(QLatin1String("mail")) || folded.contains(QLatin1String("courriel"))
        || folded.contains(QLatin1String("e-post")) || folded.contains(QLatin1String("epost"));
}

class Reader
{
public:
    Reader(const ImportDirectory &directory, const std::atomic_bool *cancel)
        : m_directory(directory)
        , m_cancel(cancel)
    {
    }

    ImportResult run(DecodedText decoded)
    {
        if (decoded.error != ImportResult::Error::None)
            return failure(decoded.error);
        m_decoded = &decoded;
        m_result.lineCount = decoded.lineCount;
        m_result.entries.reserve(decoded.lineCount);
        buildIndex();
        if (cancelled(m_cancel))
            return failure(ImportResult::Error::Cancelled);
        if (!tokenize(decoded.text))
            return m_failure;
        for (int i = 0; i < m_result.entries.size(); ++i)
            m_result.byOutcome[int(m_result.entries.at(i).outcome)].append(i);
        return std::move(m_result);
    }

private:
    void buildIndex()
    {
        const QList<UserRow> &users = m_directory.users;
        m_index.reserve(users.size());
        for (int i = 0; i < users.size(); ++i) {
            const QString &email = users.at(i).user.email;
            if (!email.isEmpty())
                m_index.insert(email.toCaseFolded(), i); // the first of equal e-mails wins
        }
        m_firstLine.assign(size_t(users.size()), 0);
    }

    // RFC 4180 records and fields; the separator is the one the first non-blank line uses
    // most (tab, ';' or ','), none for a plain list. Calls record() for each.
    bool tokenize(QStringView text)
    {
        const char16_t delimiter = sniffDelimiter(text);
        const auto isDelimiter = [delimiter](QChar c) {
            return delimiter != 0 && c.unicode() == delimiter;
        };
        const QChar *s = text.data();
        const qsizetype n = text.size();
        qsizetype pos = 0;
        int line = 1;
        QList<QString> fields;
        int records = 0;
        while (pos < n) {
            const int startLine = line;
            const qsizetype start = pos;
            fields.clear();
            for (;;) {
                QString field;
                qsizetype p = pos;
                while (p < n
                       && (s[p] == QLatin1Char(' ')
                           || (s[p] == QLatin1Char('\t') && delimiter != u'\t')))
                    ++p;
                if (p < n && s[p] == QLatin1Char('"') && !isDelimiter(QLatin1Char('"'))) {
                    const int quoteLine = line;
                    pos = p + 1;
                    for (;;) {
                        if (pos >= n) {
                            m_failure = failure(ImportResult::Error::UnterminatedQuote, quoteLine);
                            return false;
                        }
                        const QChar c = s[pos];
                        if (c == QLatin1Char('"')) {
                            if (pos + 1 < n && s[pos + 1] == QLatin1Char('"')) {
                                field.append(c);
                                pos += 2;
                                continue;
                            }
                            ++pos;
                            break;
                        }
                        if (c == QLatin1Char('\n'))
                            ++line;
                        field.append(c);
                        ++pos;
                    }
                    // After the closing quote, whatever precedes the separator is kept.
                    const qsizetype from = pos;
                    while (pos < n && !isDelimiter(s[pos]) && s[pos] != QLatin1Char('\n'))
                        ++pos;
                    field.append(QStringView(s + from, pos - from));
                } else {
                    const qsizetype from = pos;
                    while (pos < n && !isDelimiter(s[pos]) && s[pos] != QLatin1Char('\n'))
                        ++pos;
                    field = QStringView(s + from, pos - from).toString();
                }
                fields.append(std::move(field));
                if (pos < n && isDelimiter(s[pos])) {
                    ++pos;
                    continue;
                }
                break; // the end of the line, or of the input
            }
            record(startLine, line, QStringView(s + start, pos - start), fields);
            if (pos < n) { // the '\n'
                ++pos;
                ++line;
            }
            if (++records % CancelCheckEvery == 0 && cancelled(m_cancel)) {
                m_failure = failure(ImportResult::Error::Cancelled);
                return false;
            }
        }
        if (n > 0 && s[n - 1] == QLatin1Char('\n'))
            ++m_result.blankLines; // the last line is empty
        return true;
    }

    static char16_t sniffDelimiter(QStringView text)
    {
        qsizetype pos = 0;
        const qsizetype n = text.size();
        // The first line with something on it.
        while (pos < n) {
            qsizetype end = text.indexOf(QLatin1Char('\n'), pos);
            if (end < 0)
                end = n;
            if (!text.sliced(pos, end - pos).trimmed().isEmpty())
                break;
            pos = end + 1;
        }
        int tabs = 0, semicolons = 0, commas = 0;
        bool quoted = false;
        for (; pos < n; ++pos) {
            const QChar c = text.at(pos);
            if (c == QLatin1Char('"'))
                quoted = !quoted;
            else if (quoted)
                continue;
            else if (c == QLatin1Char('\n'))
                break;
            else if (c == QLatin1Char('\t'))
                ++tabs;
            else if (c == QLatin1Char(';'))
                ++semicolons;
            else if (c == QLatin1Char(','))
                ++commas;
        }
        if (tabs == 0 && semicolons == 0 && commas == 0)
            return 0;
        if (tabs >= semicolons && tabs >= commas)
            return u'\t';
        return semicolons >= commas ? u';' : u',';
    }

    void record(int line, int lastLine, QStringView raw, const QList<QString> &fields)
    {
        // Only spaces and separators: an empty row ("; ;" of a spreadsheet) is a blank line.
        bool blank = true;
        for (const QString &field : fields) {
            for (const QChar c : field) {
                if (!isWordBreak(c) && c != QLatin1Char('"')) {
                    blank = false;
                    break;
                }
            }
            if (!blank)
                break;
        }
        if (blank) {
            m_result.blankLines += lastLine - line + 1;
            return;
        }
        const bool first = !m_seenRecord;
        m_seenRecord = true;
        const QString input = shown(raw);
        bool badEncoding = false;
        for (int l = line; l <= lastLine && l < int(m_decoded->badLine.size()); ++l) {
            if (m_decoded->badLine[size_t(l)]) {
                badEncoding = true;
                ++m_result.unreadableLines;
            }
        }
        if (badEncoding) {
            add(line, ImportEntry::Outcome::Unreadable, ImportEntry::Problem::NotUtf8, input);
            return;
        }

        // The words of the cells read: each an address, a malformed one, or other text.
        struct Word
        {
            QString address;
            QString malformed;
        };
        QList<Word> words;
        const auto readCell = [&words](QStringView cell) {
            qsizetype i = 0;
            const qsizetype n = cell.size();
            while (i < n) {
                while (i < n && isWordBreak(cell.at(i)))
                    ++i;
                qsizetype end = i;
                while (end < n && !isWordBreak(cell.at(end)))
                    ++end;
                if (end > i) {
                    bool hadAt = false;
                    const QStringView word = cell.sliced(i, end - i);
                    const QString address = OptOutImport::addressIn(word, &hadAt);
                    if (!address.isEmpty())
                        words.append({address, {}});
                    else if (hadAt)
                        words.append({{}, word.left(OptOutImport::MaxShownInput).toString()});
                }
                i = end;
            }
        };
        if (m_emailColumn >= 0 && m_emailColumn < fields.size()) {
            readCell(fields.at(m_emailColumn));
        } else {
            for (const QString &field : fields)
                readCell(field);
        }

        if (words.isEmpty()) {
            if (first) {
                // Column names: the one that says "e-mail" is where addresses are read.
                for (int c = 0; c < fields.size(); ++c) {
                    if (namesEmailColumn(fields.at(c))) {
                        m_emailColumn = c;
                        break;
                    }
                }
                add(line, ImportEntry::Outcome::Ignored, ImportEntry::Problem::Header, input);
                return;
            }
            add(line, ImportEntry::Outcome::Unreadable, ImportEntry::Problem::NoAddress, input);
            return;
        }
        for (const Word &word : std::as_const(words)) {
            if (word.address.isEmpty()) {
                ImportEntry &entry = add(line, ImportEntry::Outcome::Unreadable,
                                         ImportEntry::Problem::NotAnAddress, input);
                entry.email = word.malformed;
                continue;
            }
            match(line, word.address, input);
        }
    }

    void match(int line, const QString &address, const QString &input)
    {
        const int user = m_index.value(address.toCaseFolded(), -1);
        if (user < 0) {
            add(line, ImportEntry::Outcome::Unknown, ImportEntry::Problem::None, input).email
                = address;
            return;
        }
        const User &found = m_directory.users.at(user).user;
        ImportEntry::Outcome outcome = ImportEntry::Outcome::Matched;
        int &firstLine = m_firstLine[size_t(user)];
        if (firstLine > 0)
            outcome = ImportEntry::Outcome::Duplicate;
        else if (m_directory.optedOut.contains(found.id))
            outcome = ImportEntry::Outcome::AlreadyOptedOut;
        ImportEntry &entry = add(line, outcome, ImportEntry::Problem::None, input);
        entry.email = address;
        entry.user = found;
        if (firstLine > 0)
            entry.firstLine = firstLine;
        else
            firstLine = line;
    }

    ImportEntry &add(int line, ImportEntry::Outcome outcome, ImportEntry::Problem problem,
                     const QString &input)
    {
        ImportEntry entry;
        entry.line = line;
        entry.outcome = outcome;
        entry.problem = problem;
        entry.input = input;
        m_result.entries.append(std::move(entry));
        return m_result.entries.last();
    }

    static QString shown(QStringView raw)
    {
        QString text = raw.left(OptOutImport::MaxShownInput).trimmed().toString();
        text.replace(QLatin1Char('\n'), QLatin1Char(' '));
        if (raw.size() > OptOutImport::MaxShownInput)
            text.append(QChar(0x2026)); // …
        return text;
    }

    const ImportDirectory &m_directory;
    const std::atomic_bool *m_cancel;
    const DecodedText *m_decoded = nullptr;
    QHash<QString, int> m_index; // case-folded e-mail -> index in m_directory.users
    std::vector<int> m_firstLine; // per user: the line it was first seen on, 0 for none
    int m_emailColumn = -1;
    bool m_seenRecord = false;
    ImportResult m_result;
    ImportResult m_failure;
};

} // namespace

QStringList ImportResult::matchedUserIds() const
{
    QStringList ids;
    const QList<int> &matched = byOutcome[int(ImportEntry::Outcome::Matched)];
    ids.reserve(matched.size());
    for (int i : matched)
        ids.append(entries.at(i).user.id);
    return ids;
}

QString ImportResult::errorText() const
{
    switch (error) {
    case Error::None:
        return {};
    case Error::TooLarge:
        return tr("The list is larger than %1 MB; nothing was read. Split it into smaller lists.")
            .arg(OptOutImport::MaxInputBytes / (1024 * 1024));
    case Error::CannotOpen:
        return tr("The file cannot be opened: %1").arg(detail);
    case Error::NotText:
        return tr("This is not a text or CSV file (or it is UTF-16 without a byte order mark); "
                  "nothing was read. Save it as CSV (UTF-8) and try again.");
    case Error::BadUtf16:
        return tr("The file says it is UTF-16 but cannot be read as UTF-16; nothing was read.");
    case Error::UnterminatedQuote:
        return tr("Line %1: a quoted field is not closed (a closing \" is missing); nothing was "
                  "read.")
            .arg(errorLine);
    case Error::Cancelled:
        return tr("Reading the list was cancelled.");
    }
    return {};
}

namespace OptOutImport {

ImportResult read(const QByteArray &bytes, const ImportDirectory &directory,
                  const std::atomic_bool *cancel)
{
    if (bytes.size() > MaxInputBytes)
        return failure(ImportResult::Error::TooLarge);
    return Reader(directory, cancel).run(decode(bytes, cancel));
}

ImportResult read(const QString &text, const ImportDirectory &directory,
                  const std::atomic_bool *cancel)
{
    if (text.size() > MaxInputBytes)
        return failure(ImportResult::Error::TooLarge);
    return Reader(directory, cancel).run(fromText(text));
}

ImportResult readFile(const QString &path, const ImportDirectory &directory,
                      const std::atomic_bool *cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ImportResult result = failure(ImportResult::Error::CannotOpen);
        result.detail = file.errorString();
        return result;
    }
    if (file.size() > MaxInputBytes)
        return failure(ImportResult::Error::TooLarge);
    const QByteArray bytes = file.read(MaxInputBytes + 1); // a file still growing stops here
    if (file.error() != QFileDevice::NoError) {
        ImportResult result = failure(ImportResult::Error::CannotOpen);
        result.detail = file.errorString();
        return result;
    }
    return read(bytes, directory, cancel);
}

QString addressIn(QStringView word, bool *hadAt)
{
    const auto strip = [](QStringView w) {
        static const QString leading = QStringLiteral("<([\"'");
        static const QString trailing = QStringLiteral(">)]\"'.,;:");
        w = w.trimmed();
        while (!w.isEmpty() && leading.contains(w.front()))
            w = w.sliced(1);
        while (!w.isEmpty() && trailing.contains(w.back()))
            w.chop(1);
        return w;
    };
    // Most words of a list (names, departments) are not addresses: out at once.
    if (!word.contains(QLatin1Char('@'))) {
        if (hadAt)
            *hadAt = false;
        return {};
    }
    QStringView w = strip(word);
    if (w.size() > 7 && (w.front() == QLatin1Char('m') || w.front() == QLatin1Char('M'))
        && w.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive)) {
        w = w.sliced(7);
        const qsizetype query = w.indexOf(QLatin1Char('?'));
        if (query >= 0)
            w.truncate(query);
        w = strip(w);
    }
    const qsizetype at = w.indexOf(QLatin1Char('@'));
    if (hadAt)
        *hadAt = at >= 0;
    if (at <= 0 || at != w.lastIndexOf(QLatin1Char('@')) || at == w.size() - 1 || w.size() > 254)
        return {};
    QChar previous;
    for (qsizetype i = 0; i < w.size(); ++i) {
        const QChar c = w.at(i);
        switch (c.unicode()) {
        case '<':
        case '>':
        case '(':
        case ')':
        case '[':
        case ']':
        case '\\':
        case ',':
        case ';':
        case ':':
        case '"':
            return {};
        case '.': // the domain neither starts nor ends with a dot, nor has two in a row
            if (i == at + 1 || i == w.size() - 1 || (i > at && previous == QLatin1Char('.')))
                return {};
            break;
        default:
            if (c.isSpace() || c.category() == QChar::Other_Control)
                return {};
        }
        previous = c;
    }
    return w.toString();
}

} // namespace OptOutImport

ImportJob::ImportJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ImportResult>();
    connect(&m_watcher, &QFutureWatcher<ImportResult>::finished, this, &ImportJob::onFinished);
}

ImportJob::~ImportJob()
{
    cancel();
    m_watcher.waitForFinished();
}

template<typename F> void ImportJob::launch(F work)
{
    cancel();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    std::shared_ptr<std::atomic_bool> flag = m_cancel;
    m_watcher.setFuture(QtConcurrent::run(
        [work = std::move(work), flag]() -> ImportResult { return work(flag.get()); }));
    m_running = true;
    emit runningChanged(true);
}

void ImportJob::startBytes(const QByteArray &bytes, const ImportDirectory &directory)
{
    launch([bytes, directory](const std::atomic_bool *cancel) {
        return OptOutImport::read(bytes, directory, cancel);
    });
}

void ImportJob::startText(const QString &text, const ImportDirectory &directory)
{
    launch([text, directory](const std::atomic_bool *cancel) {
        return OptOutImport::read(text, directory, cancel);
    });
}

void ImportJob::startFile(const QString &path, const ImportDirectory &directory)
{
    launch([path, directory](const std::atomic_bool *cancel) {
        return OptOutImport::readFile(path, directory, cancel);
    });
}

void ImportJob::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    if (m_running) {
        m_running = false;
        emit runningChanged(false);
    }
}

void ImportJob::onFinished()
{
    // A cancelled run, or an older one whose signal was already on its way: dropped.
    if (!m_running || !m_watcher.isFinished())
        return;
    m_running = false;
    m_cancel.reset();
    const ImportResult result = m_watcher.result();
    emit runningChanged(false);
    emit finished(result);
}
