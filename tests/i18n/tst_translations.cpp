// The translation catalogues: every entry finished, nothing vanished, plurals and placeholders
// right, the same sources in every language, nothing in the code that the catalogues lack, and the
// embedded .qm files giving the glossary's terms.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>
#include <vector>

#ifndef OPTOUT_TRANSLATIONS_DIR
#error "OPTOUT_TRANSLATIONS_DIR must name the source directory of the .ts files"
#endif
#ifndef OPTOUT_SOURCE_DIR
#error "OPTOUT_SOURCE_DIR must name the project's source directory"
#endif
#ifndef OPTOUT_LUPDATE
#error "OPTOUT_LUPDATE must name Qt's lupdate"
#endif

namespace {

const QStringList kAppLanguages {QStringLiteral("fr"), QStringLiteral("sv"), QStringLiteral("nl")};

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // the translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QString translation;
    QStringList forms;

    QString key() const { return context + QChar(0x1f) + source + QChar(0x1f) + comment; }
    QString where() const
    {
        return QStringLiteral("[%1] \"%2\"%3")
            .arg(context, source,
                 comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(comment));
    }
    QStringList translations() const { return numerus ? forms : QStringList {translation}; }
};

struct Catalogue
{
    QString language;
    QList<Message> messages;
    QString error;

    QSet<QString> keys() const
    {
        QSet<QString> set;
        for (const Message &m : messages)
            set.insert(m.key());
        return set;
    }
};

Catalogue readTs(const QString &path)
{
    Catalogue cat;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        cat.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return cat;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message *current = nullptr;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            cat.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("context")) {
            context.clear();
        } else if (name == QLatin1String("name") && !current) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            cat.messages.append(Message {});
            current = &cat.messages.last();
            current->context = context;
            current->numerus
                = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (current && name == QLatin1String("source")) {
            current->source = xml.readElementText();
        } else if (current && name == QLatin1String("comment")) {
            current->comment = xml.readElementText();
        } else if (current && name == QLatin1String("translation")) {
            current->type = xml.attributes().value(QLatin1String("type")).toString();
            if (current->numerus) {
                // <numerusform> children; text outside them is only indentation.
                while (!xml.atEnd()) {
                    xml.readNext();
                    if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                        current->forms.append(xml.readElementText());
                    else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                        break;
                }
            } else {
                current->translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            }
            current = nullptr; // later children (locations, comments) are not needed
        }
    }
    if (xml.hasError())
        cat.error
            = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return cat;
}

QString tsPath(const QString &base)
{
    return QDir(QStringLiteral(OPTOUT_TRANSLATIONS_DIR)).filePath(base + QStringLiteral(".ts"));
}

// Number of plural forms lrelease expects for the language of a catalogue.
int numerusCount(const QString &language)
{
    const QString lang = language.section(QLatin1Char('_'), 0, 0);
    if (lang == QLatin1String("fr") || lang == QLatin1String("sv") || lang == QLatin1String("nl")
        || lang == QLatin1String("en"))
        return 2;
    return -1;
}

// %1..%99, %n and their localized forms %L1, %Ln, sorted, so their order may change with the
// language; %n where the source has %Ln would lose the locale's digit grouping.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    return found;
}

// Number of mnemonic markers: '&' before a letter, not "&&" and not an HTML entity.
int mnemonics(const QString &text)
{
    static const QRegularExpression entity(QStringLiteral("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);"));
    QString t = text;
    t.remove(entity);
    t.replace(QStringLiteral("&&"), QString());
    return int(t.count(QLatin1Char('&')));
}

QString withoutMnemonic(QString text)
{
    static const QRegularExpression re(QStringLiteral("&(?!&)"));
    return text.remove(re);
}

QString listOf(const QStringList &items)
{
    return items.isEmpty() ? QString()
                           : QStringLiteral("\n  ") + items.join(QStringLiteral("\n  "));
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void complete_data();
    void complete();
    void sameSourcesInEveryLanguage();
    void frenchApostrophesConsistent();
    void lupdateFindsNothingNew();
    void embeddedCatalogues_data();
    void embeddedCatalogues();
    void embeddedPlurals();
    void embeddedQtSwedish();
    void qtSwedishSourcesAreQts();
    void frenchOptOutNeverBreaks();
    void typography_data();
    void termsHold_data();
    void termsHold();
    void typography();
    void aboutTitleNamesTheAppOnce();
    void reviewedWording_data();
    void reviewedWording();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("base");
    for (const QString &lang : kAppLanguages)
        QTest::newRow(qPrintable(lang)) << QStringLiteral("optout_%1").arg(lang);
    QTest::newRow("en") << QStringLiteral("optout_en"); // plural forms only
    QTest::newRow("qtbase_sv") << QStringLiteral("qtbase_sv");
}

// Every entry finished and non-empty, none vanished or obsolete, plurals with all their forms,
// the same placeholders and mnemonics as the source, and no mojibake.
void TestTranslations::complete()
{
    QFETCH(QString, base);
    const Catalogue cat = readTs(tsPath(base));
    QVERIFY2(cat.error.isEmpty(), qPrintable(cat.error));
    QVERIFY2(!cat.messages.isEmpty(), qPrintable(base + QStringLiteral(" has no messages")));
    const int forms = numerusCount(cat.language);
    QVERIFY2(forms > 0, qPrintable(QStringLiteral("unexpected language \"%1\"").arg(cat.language)));

    static const QRegularExpression mojibake(
        QStringLiteral("[\\x{FFFD}]|Ã[\\x{0080}-\\x{00BF}]|Â[\\x{00A0}-\\x{00BF}]|â€"));
    QStringList unfinished, vanished, badForms, badPlaceholders, badMnemonics, garbled;
    for (const Message &m : cat.messages) {
        if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete")) {
            vanished << m.where();
            continue;
        }
        const QStringList texts = m.translations();
        const bool empty = texts.isEmpty()
            || std::any_of(texts.cbegin(), texts.cend(),
                           [](const QString &t) { return t.isEmpty(); });
        if (m.type == QLatin1String("unfinished") || empty) {
            unfinished << m.where();
            continue;
        }
        if (m.numerus && texts.size() != forms)
            badForms << QStringLiteral("%1: %2 forms, %3 expected")
                            .arg(m.where())
                            .arg(texts.size())
                            .arg(forms);
        const QStringList wanted = placeholders(m.source);
        const int wantedMnemonics = std::min(mnemonics(m.source), 1);
        for (const QString &t : texts) {
            if (placeholders(t) != wanted)
                badPlaceholders << QStringLiteral("%1 -> \"%2\"").arg(m.where(), t);
            if (std::min(mnemonics(t), 2) != wantedMnemonics)
                badMnemonics << QStringLiteral("%1 -> \"%2\"").arg(m.where(), t);
            if (mojibake.match(t).hasMatch())
                garbled << QStringLiteral("%1 -> \"%2\"").arg(m.where(), t);
        }
    }
    // Every kind of problem is reported at once, so one run lists all that needs fixing.
    QStringList report;
    const auto section = [&report](const QString &title, const QStringList &items) {
        if (!items.isEmpty())
            report << QStringLiteral("%1 (%2):%3").arg(title).arg(items.size()).arg(listOf(items));
    };
    section(QStringLiteral("unfinished or empty"), unfinished);
    section(QStringLiteral("vanished or obsolete (run the update_translations target)"), vanished);
    section(QStringLiteral("wrong number of plural forms"), badForms);
    section(QStringLiteral("placeholders differ from the source"), badPlaceholders);
    section(QStringLiteral("mnemonic (&) missing, doubled or added"), badMnemonics);
    section(QStringLiteral("mojibake"), garbled);
    QVERIFY2(report.isEmpty(),
             qPrintable(base + QStringLiteral(".ts:\n") + report.join(QLatin1Char('\n'))));
}

// French, Swedish and Dutch translate exactly the same set of source strings.
void TestTranslations::sameSourcesInEveryLanguage()
{
    const Catalogue fr = readTs(tsPath(QStringLiteral("optout_fr")));
    QVERIFY2(fr.error.isEmpty(), qPrintable(fr.error));
    const QSet<QString> reference = fr.keys();
    QHash<QString, QString> names;
    for (const Message &m : fr.messages)
        names.insert(m.key(), m.where());
    for (const QString &lang : {QStringLiteral("sv"), QStringLiteral("nl")}) {
        const Catalogue other = readTs(tsPath(QStringLiteral("optout_") + lang));
        QVERIFY2(other.error.isEmpty(), qPrintable(other.error));
        QStringList missing, extra;
        const QSet<QString> keys = other.keys();
        for (const QString &k : reference)
            if (!keys.contains(k))
                missing << names.value(k);
        for (const Message &m : other.messages)
            if (!reference.contains(m.key()))
                extra << m.where();
        missing.sort();
        extra.sort();
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("optout_%1.ts lacks sources that optout_fr.ts has:%2")
                                .arg(lang, listOf(missing))));
        QVERIFY2(extra.isEmpty(),
                 qPrintable(QStringLiteral("optout_%1.ts has sources that optout_fr.ts lacks:%2")
                                .arg(lang, listOf(extra))));
    }

    // English holds the plural forms only: exactly the numerus messages.
    const Catalogue en = readTs(tsPath(QStringLiteral("optout_en")));
    QVERIFY2(en.error.isEmpty(), qPrintable(en.error));
    QStringList enKeys, frPlurals;
    for (const Message &m : en.messages)
        enKeys << m.where();
    for (const Message &m : fr.messages)
        if (m.numerus)
            frPlurals << m.where();
    enKeys.sort();
    frPlurals.sort();
    QCOMPARE(enKeys, frPlurals);
}

// The glossary writes "Paramètres d'opt‑out" with a straight apostrophe; the French catalogue
// uses that one apostrophe throughout, never mixing in the typographic one.
void TestTranslations::frenchApostrophesConsistent()
{
    const Catalogue fr = readTs(tsPath(QStringLiteral("optout_fr")));
    QVERIFY2(fr.error.isEmpty(), qPrintable(fr.error));
    QStringList curly;
    for (const Message &m : fr.messages)
        for (const QString &t : m.translations())
            if (t.contains(QChar(0x2019)))
                curly << QStringLiteral("%1 -> \"%2\"").arg(m.where(), t);
    QVERIFY2(
        curly.isEmpty(),
        qPrintable(QStringLiteral("typographic apostrophes in optout_fr.ts:") + listOf(curly)));
}

// lupdate over the sources and forms, into copies of the catalogues, finds exactly the strings
// the committed catalogues hold: a new or changed string in the code fails here until translated.
void TestTranslations::lupdateFindsNothingNew()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList languages = kAppLanguages + QStringList {QStringLiteral("en")};
    QStringList copies;
    for (const QString &lang : languages) {
        const QString copy = dir.filePath(QStringLiteral("optout_%1.ts").arg(lang));
        QVERIFY(QFile::copy(tsPath(QStringLiteral("optout_") + lang), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        copies << copy;
    }
    // The same runs as the update_translations target: English holds only the plural forms.
    const QDir src(QStringLiteral(OPTOUT_SOURCE_DIR));
    const auto runLupdate = [&src](const QStringList &options, const QStringList &files) {
        QProcess lupdate;
        lupdate.setWorkingDirectory(src.absolutePath());
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        QStringList args {QStringLiteral("-locations"), QStringLiteral("none"),
                          QStringLiteral("-no-obsolete"), QStringLiteral("-extensions"),
                          QStringLiteral("cpp,h,ui")};
        args += options;
        args += {src.filePath(QStringLiteral("app")), src.filePath(QStringLiteral("ui")),
                 QStringLiteral("-ts")};
        args += files;
        lupdate.start(QStringLiteral(OPTOUT_LUPDATE), args);
        if (!lupdate.waitForStarted())
            return QStringLiteral("lupdate did not start: ") + lupdate.errorString();
        if (!lupdate.waitForFinished(120000))
            return QStringLiteral("lupdate did not finish");
        if (lupdate.exitStatus() != QProcess::NormalExit || lupdate.exitCode() != 0)
            return QStringLiteral("lupdate failed:\n") + QString::fromLocal8Bit(lupdate.readAll());
        return QString();
    };
    QString failure = runLupdate({}, copies.mid(0, kAppLanguages.size()));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    failure = runLupdate({QStringLiteral("-pluralonly")}, {copies.last()});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    QStringList report;
    for (int i = 0; i < languages.size(); ++i) {
        const Catalogue committed = readTs(tsPath(QStringLiteral("optout_") + languages.at(i)));
        const Catalogue updated = readTs(copies.at(i));
        QVERIFY2(committed.error.isEmpty(), qPrintable(committed.error));
        QVERIFY2(updated.error.isEmpty(), qPrintable(updated.error));
        const QSet<QString> before = committed.keys();
        QStringList added, gone;
        for (const Message &m : updated.messages)
            if (!before.contains(m.key()))
                added << m.where();
        const QSet<QString> after = updated.keys();
        for (const Message &m : committed.messages)
            if (!after.contains(m.key()))
                gone << m.where();
        if (!added.isEmpty())
            report << QStringLiteral("optout_%1.ts lacks strings that are in the code (run the "
                                     "update_translations target, then translate them):%2")
                          .arg(languages.at(i), listOf(added));
        if (!gone.isEmpty())
            report << QStringLiteral("optout_%1.ts holds strings that are no longer in the code "
                                     "(run the update_translations target):%2")
                          .arg(languages.at(i), listOf(gone));
    }
    QVERIFY2(report.isEmpty(), qPrintable(report.join(QLatin1Char('\n'))));
}

// The .qm files embedded in optoutgui under :/i18n give the glossary's terms.
void TestTranslations::embeddedCatalogues_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    struct Term
    {
        const char *context, *source, *fr, *sv, *nl;
    };
    // GLOSSARY.md: the key terms of the UI.
    const Term terms[] = {
        {"MainWindow", "Opt-out settings", "Paramètres d'opt‑out", "Inställningar för undantag",
         "Instellingen voor uitsluiting"},
        {"OptOutPage", "Opt-out &user", "Opt‑out de l'utilisateur ou de l'utilisatrice",
         "Undanta användare", "Gebruiker uitsluiten"},
        {"OptOutPage", "&Opt-out", "Opt‑out", "Undanta", "Uitsluiten"},
        {"OptOutPage", "Opt-out user &list", "Liste d'opt‑out des utilisateurs et utilisatrices",
         "Undantagna användare", "Uitgesloten gebruikers"},
        {"OptOutPage", "Opt-&in", "Opt\u2011in", "Ta med igen", "Weer opnemen"},
        {"OptOutPage", "Tools", "Outils", "Verktyg", "Hulpmiddelen"},
        {"OptOutPage", "Product usage", "Utilisation du produit", "Produktanvändning",
         "Productgebruik"},
        {"MainWindow", "Only product administrators can see this page.",
         "Seuls les administrateurs et administratrices du produit peuvent voir cette page.",
         "Endast produktadministratörer kan se den här sidan.",
         "Alleen productbeheerders kunnen deze pagina zien."},
        {"ContextHelpPopup", "Opt out users", "Exclusion des utilisateurs et utilisatrices",
         "Undanta användare", "Gebruikers uitsluiten"},
        {"ContextHelpPopup", "Exclude users from product usage tracking.",
         "Excluez les utilisateurs et utilisatrices du suivi de l'utilisation des produits.",
         "Undanta användare från spårning av produktanvändning.",
         "Sluit gebruikers uit van het bijhouden van productgebruik."},
        {"OptOutModel", "Opted out on", "Date de l'opt‑out", "Undantagen den", "Uitgesloten op"},
        {"OptOutModel", "Opted out by", "Opt‑out par", "Undantagen av", "Uitgesloten door"},
    };
    for (const Term &t : terms) {
        const char *byLang[] = {t.fr, t.sv, t.nl};
        for (int i = 0; i < kAppLanguages.size(); ++i) {
            QTest::addRow("%s %s", qPrintable(kAppLanguages.at(i)), t.source)
                << kAppLanguages.at(i) << QString::fromLatin1(t.context)
                << QString::fromUtf8(t.source) << QString::fromUtf8(byLang[i]);
        }
    }
}

void TestTranslations::embeddedCatalogues()
{
    QFETCH(QString, lang);
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    const QString qm = QStringLiteral(":/i18n/optout_%1.qm").arg(lang);
    QVERIFY2(QFile::exists(qm), qPrintable(qm + QStringLiteral(" is not embedded")));
    QTranslator translator;
    QVERIFY(translator.load(qm));
    QVERIFY(!translator.isEmpty());
    const QString translated
        = translator.translate(context.toUtf8().constData(), source.toUtf8().constData());
    QVERIFY2(!translated.isEmpty(), qPrintable(QStringLiteral("no %1 translation").arg(lang)));
    QCOMPARE(withoutMnemonic(translated), expected);
    if (mnemonics(source) > 0)
        QCOMPARE(mnemonics(translated), 1);
}

// Plural forms from the embedded catalogues follow each language's rule (French: 0 and 1 take
// the singular).
void TestTranslations::embeddedPlurals()
{
    struct Case
    {
        const char *lang;
        int n;
        const char *expected;
    };
    const Case cases[] = {
        {"fr", 0, "0 utilisateur ou utilisatrice en opt‑out"},
        {"fr", 1, "1 utilisateur ou utilisatrice en opt‑out"},
        {"fr", 2, "2 utilisateurs et utilisatrices en opt‑out"},
        {"sv", 1, "1 användare undantagen"},
        {"sv", 0, "0 användare undantagna"},
        {"sv", 5, "5 användare undantagna"},
        {"nl", 1, "1 gebruiker uitgesloten"},
        {"nl", 0, "0 gebruikers uitgesloten"},
        {"nl", 3, "3 gebruikers uitgesloten"},
        {"en", 1, "1 user opted out"},
        {"en", 0, "0 users opted out"},
        {"en", 2, "2 users opted out"},
    };
    // The source may write the count as %n or, formatted by the locale, %Ln.
    const Catalogue fr = readTs(tsPath(QStringLiteral("optout_fr")));
    QVERIFY2(fr.error.isEmpty(), qPrintable(fr.error));
    static const QRegularExpression countSource(QStringLiteral("^%L?n user\\(s\\) opted out$"));
    QByteArray source;
    for (const Message &m : fr.messages)
        if (m.context == QLatin1String("OptOutPage") && m.numerus
            && countSource.match(m.source).hasMatch())
            source = m.source.toUtf8();
    QVERIFY2(!source.isEmpty(), "no \"%n user(s) opted out\" in OptOutPage");
    for (const Case &c : cases) {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/optout_%1.qm").arg(QLatin1String(c.lang))));
        // What tr() does: the form is chosen by lrelease's rule, %n is replaced by the caller.
        QString text = translator.translate("OptOutPage", source.constData(), nullptr, c.n);
        text.replace(QStringLiteral("%Ln"), QString::number(c.n));
        text.replace(QStringLiteral("%n"), QString::number(c.n));
        QCOMPARE(text, QString::fromUtf8(c.expected));
    }
}

// Swedish for Qt's own strings is embedded, since Debian ships no qtbase_sv.qm.
void TestTranslations::embeddedQtSwedish()
{
    QTranslator translator;
    QVERIFY2(translator.load(QStringLiteral(":/i18n/qtbase_sv.qm")),
             "qtbase_sv.qm is not embedded");
    QCOMPARE(translator.translate("QPlatformTheme", "Cancel"), QStringLiteral("Avbryt"));
    QCOMPARE(translator.translate("QPlatformTheme", "&Yes"), QStringLiteral("&Ja"));
    QCOMPARE(translator.translate("QLineEdit", "&Paste"), QStringLiteral("Klistra &in"));
    QCOMPARE(translator.translate("QLineEdit", "Select All"), QStringLiteral("Markera allt"));
    QCOMPARE(translator.translate("QMessageBox", "Show Details..."),
             QString::fromUtf8("Visa detaljer…"));
    // Qt 6.4's --help texts (else `--help --lang sv` prints English) and the tab bar's arrows.
    QVERIFY(!translator.translate("QCommandLineParser", "Displays help on commandline options.")
                 .isEmpty());
    QVERIFY(
        !translator.translate("QCommandLineParser", "Displays help including Qt specific options.")
             .isEmpty());
    QCOMPARE(translator.translate("QTabBar", "Scroll Left"), QString::fromUtf8("Rulla åt vänster"));
    QCOMPARE(translator.translate("QTabBar", "Scroll Right"), QString::fromUtf8("Rulla åt höger"));
}

// qtbase_sv.ts only helps if its contexts and source texts are exactly Qt's: each one must be
// known to one of Qt's own catalogues of the Qt in use (Debian ships qtbase_fr/de/nl.qm).
void TestTranslations::qtSwedishSourcesAreQts()
{
    // Debian's French catalogue lags behind Qt 6.4 in places: a source text known to any of
    // Qt's catalogues installed here is Qt's.
    std::vector<std::unique_ptr<QTranslator>> qtCatalogues;
    for (const char *lang : {"fr", "de", "nl"}) {
        auto translator = std::make_unique<QTranslator>();
        if (translator->load(QStringLiteral("qtbase_") + QLatin1String(lang),
                             QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            qtCatalogues.push_back(std::move(translator));
    }
    if (qtCatalogues.empty())
        QSKIP("Qt's qtbase_xx.qm are not installed; cannot check the source texts of qtbase_sv.ts");
    const Catalogue sv = readTs(tsPath(QStringLiteral("qtbase_sv")));
    QVERIFY2(sv.error.isEmpty(), qPrintable(sv.error));
    QStringList unknown;
    for (const Message &m : sv.messages) {
        const QByteArray context = m.context.toUtf8(), source = m.source.toUtf8(),
                         comment = m.comment.toUtf8();
        const bool known
            = std::any_of(qtCatalogues.cbegin(), qtCatalogues.cend(), [&](const auto &translator) {
                  return !translator
                              ->translate(context.constData(), source.constData(),
                                          comment.isEmpty() ? nullptr : comment.constData())
                              .isEmpty();
              });
        if (!known)
            unknown << m.where();
    }
    QVERIFY2(
        unknown.isEmpty(),
        qPrintable(QStringLiteral("qtbase_sv.ts has texts Qt does not use:") + listOf(unknown)));
}

// French "opt-out" carries a non-breaking hyphen (U+2011), so a line never ends in "opt-".
void TestTranslations::frenchOptOutNeverBreaks()
{
    const Catalogue fr = readTs(tsPath(QStringLiteral("optout_fr")));
    QVERIFY2(fr.error.isEmpty(), qPrintable(fr.error));
    static const QRegularExpression breakable(QStringLiteral("opt-(out|in)"),
                                              QRegularExpression::CaseInsensitiveOption);
    QStringList found;
    for (const Message &m : fr.messages) {
        for (const QString &t : m.translations()) {
            if (breakable.match(t).hasMatch())
                found << m.where();
        }
    }
    QVERIFY2(found.isEmpty(),
             qPrintable(QStringLiteral("plain hyphen in French opt-out:") + listOf(found)));
}

void TestTranslations::typography_data()
{
    QTest::addColumn<QString>("lang");
    for (const QString &lang : kAppLanguages)
        QTest::newRow(qPrintable(lang)) << lang;
}

// Each language's typography, over every translation (mnemonics and HTML tags left out):
// - French: a no-break space before ':' (U+00A0) and before ';', '?', '!' (U+202F, narrow), none
//   of them an ordinary space or missing; "n° 4411" with a no-break space; « guillemets » with
//   no-break spaces inside.
// - Swedish and Dutch: no space of any kind before ': ; ? !'.
// - Quotes: French « … », Swedish ” … ”, Dutch ‘ … ’; never straight "…" quotes or another
//   language's. (A lone " names the character itself: "a closing \" is missing".)
// - French and Dutch "opt‑out"/"opt‑in" with U+2011, never an ASCII hyphen where a line could
//   break.
void TestTranslations::typography()
{
    QFETCH(QString, lang);
    const Catalogue cat = readTs(tsPath(QStringLiteral("optout_") + lang));
    QVERIFY2(cat.error.isEmpty(), qPrintable(cat.error));
    const bool french = lang == QLatin1String("fr");
    static const QRegularExpression tag(QStringLiteral("<[^<>]*>"));
    // Not punctuation of the sentence: URLs ("https://") and Qt's filter separator (";;").
    static const QRegularExpression notPunctuation(QStringLiteral("://|;;"));
    static const QRegularExpression punctuation(QStringLiteral("[:;?!]"));
    static const QRegularExpression straightPair(QStringLiteral("\"[^\"]*\""));
    static const QRegularExpression hyphenated(QStringLiteral("opt-(out|in)"),
                                               QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression number(QStringLiteral("n°(?![\\x{00A0}\\x{202F}]\\d)"));
    const QChar nbsp(0x00a0), narrow(0x202f);
    QString wrongQuotes;
    if (french)
        wrongQuotes = QStringLiteral("“”„‘’‚‹›");
    else if (lang == QLatin1String("sv"))
        wrongQuotes = QStringLiteral("“„‘’‚«»‹›");
    else
        wrongQuotes = QStringLiteral("“”„‚«»‹›");

    QStringList spacing, quotes, hyphens;
    for (const Message &m : cat.messages) {
        for (const QString &translation : m.translations()) {
            QString t = withoutMnemonic(translation);
            t.remove(tag);
            const QString shown = QStringLiteral("%1 -> \"%2\"").arg(m.where(), translation);
            QString sentence = t;
            sentence.replace(notPunctuation, QStringLiteral("__"));
            bool badSpacing = false;
            for (auto it = punctuation.globalMatch(sentence); it.hasNext();) {
                const int at = int(it.next().capturedStart());
                const QChar before = at > 0 ? sentence.at(at - 1) : QChar();
                const QChar mark = sentence.at(at);
                if (french) {
                    const QChar wanted = mark == QLatin1Char(':') ? nbsp : narrow;
                    if (before != wanted)
                        badSpacing = true;
                } else if (before.isSpace()) {
                    badSpacing = true;
                }
            }
            if (french) {
                if (number.match(t).hasMatch())
                    badSpacing = true;
                for (int i = 0; i < t.size(); ++i) {
                    if (t.at(i) == QChar(0x00ab)
                        && (i + 1 >= t.size() || (t.at(i + 1) != nbsp && t.at(i + 1) != narrow)))
                        badSpacing = true;
                    if (t.at(i) == QChar(0x00bb)
                        && (i == 0 || (t.at(i - 1) != nbsp && t.at(i - 1) != narrow)))
                        badSpacing = true;
                }
            }
            if (badSpacing)
                spacing << shown;
            if (straightPair.match(t).hasMatch()
                || std::any_of(t.cbegin(), t.cend(),
                               [&wrongQuotes](QChar c) { return wrongQuotes.contains(c); }))
                quotes << shown;
            if (lang != QLatin1String("sv") && hyphenated.match(t).hasMatch())
                hyphens << shown;
        }
    }
    QStringList report;
    const auto section = [&report](const QString &title, const QStringList &items) {
        if (!items.isEmpty())
            report << QStringLiteral("%1 (%2):%3").arg(title).arg(items.size()).arg(listOf(items));
    };
    section(french ? QStringLiteral("no-break space missing before : ; ? ! (U+00A0 before ':', "
                                    "U+202F before ';?!'), after n° or inside « »")
                   : QStringLiteral("space before : ; ? !"),
            spacing);
    section(QStringLiteral("quotes not in the language's style"), quotes);
    section(QStringLiteral("ASCII hyphen in opt-out/opt-in (U+2011 wanted)"), hyphens);
    // The whole list, which QVERIFY2's message would cut short.
    for (const QString &line : std::as_const(report))
        qWarning().noquote() << line;
    QVERIFY2(
        report.isEmpty(),
        qPrintable(QStringLiteral("optout_%1.ts:\n").arg(lang) + report.join(QLatin1Char('\n'))));
}

void TestTranslations::termsHold_data()
{
    QTest::addColumn<QString>("lang");
    for (const QString &lang : kAppLanguages)
        QTest::newRow(qPrintable(lang)) << lang;
}

// One word for one thing (GLOSSARY.md and the review of issue 20): what the service does with
// the events of opted-out users is "ignore", never a word that could mean deleting them (which
// "Delete stored data now" does, irreversibly); Dutch says "service", never "dienst"; one word
// each for "pending", the exported "entries" and "undone".
void TestTranslations::termsHold()
{
    QFETCH(QString, lang);
    struct Rule
    {
        const char *source; // messages whose source matches (case-insensitive)
        const char *required; // their translations must match
        const char *lang;
    };
    const Rule rules[] = {
        {"\\bdiscard", "\\bignor", "fr"},
        {"\\bdiscard", "\\bignorera", "sv"},
        {"\\bdiscard", "\\b(negeert|genegeerd)", "nl"},
        {"\\bpending\\b", "\\bopenstaande\\b", "nl"},
        {"\\bentries\\b", "\\bvermeldingen\\b", "nl"},
        {"\\bundone\\b", "\\bongedaan\\b", "nl"},
        {"^Undoing:", "^Wordt ongedaan gemaakt:", "nl"},
        {"^Undoing:", "^Ångrar:", "sv"},
        {"^Undoing:", "^Annulation\u00a0:", "fr"},
    };
    // Words that must not appear in a language at all.
    QString forbidden;
    if (lang == QLatin1String("sv"))
        forbidden = QStringLiteral("\\b(kastar|kastas|Offline)\\b");
    else if (lang == QLatin1String("nl"))
        forbidden = QStringLiteral("\\b(dienst|items|in behandeling|in afwachting)\\b");
    const Catalogue cat = readTs(tsPath(QStringLiteral("optout_") + lang));
    QVERIFY2(cat.error.isEmpty(), qPrintable(cat.error));
    QStringList found;
    for (const Message &m : cat.messages) {
        for (const QString &translation : m.translations()) {
            const QString t = withoutMnemonic(translation);
            const QString shown = QStringLiteral("%1 -> \"%2\"").arg(m.where(), translation);
            for (const Rule &rule : rules) {
                if (lang != QLatin1String(rule.lang))
                    continue;
                const QRegularExpression source(QString::fromUtf8(rule.source),
                                                QRegularExpression::CaseInsensitiveOption);
                const QRegularExpression required(
                    QString::fromUtf8(rule.required),
                    QRegularExpression::CaseInsensitiveOption
                        | QRegularExpression::UseUnicodePropertiesOption);
                if (source.match(m.source).hasMatch() && !required.match(t).hasMatch())
                    found << QStringLiteral("%1 (wanted: %2)").arg(shown, required.pattern());
            }
            if (!forbidden.isEmpty()
                && QRegularExpression(forbidden,
                                      QRegularExpression::CaseInsensitiveOption
                                          | QRegularExpression::UseUnicodePropertiesOption)
                       .match(t)
                       .hasMatch())
                found << QStringLiteral("%1 (not: %2)").arg(shown, forbidden);
        }
    }
    for (const QString &line : std::as_const(found))
        qWarning().noquote() << line;
    QVERIFY2(
        found.isEmpty(),
        qPrintable(QStringLiteral("optout_%1.ts:\n").arg(lang) + found.join(QLatin1Char('\n'))));
}

// Window managers append the application's name to a dialog's title unless the title already
// ends with it: the About title either ends with the name or does not contain it.
void TestTranslations::aboutTitleNamesTheAppOnce()
{
    for (const QString &lang : kAppLanguages) {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/optout_%1.qm").arg(lang)));
        const QString app = translator.translate("MainWindow", "Opt-out settings");
        const QString about = translator.translate("MainWindow", "About Opt-out settings");
        QVERIFY(!app.isEmpty() && !about.isEmpty());
        QVERIFY2(about.endsWith(app) || !about.contains(app, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("%1: \"%2\" — \"%3\"").arg(lang, about, app)));
    }
}

// Wording settled by the translation review (issue 9).
void TestTranslations::reviewedWording_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *lang, const char *context, const char *source,
                        const char *expected) {
        QTest::newRow(name) << QString::fromLatin1(lang) << QString::fromLatin1(context)
                            << QString::fromUtf8(source) << QString::fromUtf8(expected);
    };
    row("fr not signed in", "fr", "UsageDebuggerDock", "Tracking not started: not signed in",
        "Suivi non démarré\u00a0: connexion requise");
    row("fr signed in as", "fr", "MainWindow", "Signed in as %1", "Compte connecté\u00a0: %1");
    row("sv tracking off", "sv", "UsageDebuggerDock", "Tracking off: you are opted out",
        "Spårning avstängd: du är undantagen");
    row("sv tracking on", "sv", "UsageDebuggerDock", "Tracking on", "Spårning aktiverad");
    row("sv failed", "sv", "UsageEventLogModel", "Failed", "Misslyckad");
    row("sv client-side", "sv", "UsageSummaryModel", "Client-side", "Klientsida");
    row("sv server-side", "sv", "UsageSummaryModel", "Server-side", "Serversida");
    row("nl dropped", "nl", "UsageEventLogModel", "Dropped", "Verworpen");
    // Issue 20.
    row("fr CA certificate", "fr", "SignInDialog",
        "C&A certificate:", "Certi&ficat de l'AC\u00a0:");
    row("fr all tab", "fr", "ImportDialog", "All (%1)", "Toutes (%1)");
    row("fr any user", "fr", "HistoryDock", "Any user", "Tout utilisateur ou toute utilisatrice");
    row("fr not a user", "fr", "ImportPreviewModel", "Not a user of your organization",
        "Ne fait pas partie de votre organisation");
    row("fr from a list", "fr", "ImportDialog", "Opt out users from a list",
        "Opt\u2011out d'utilisateurs et utilisatrices à partir d'une liste");
    row("fr example", "fr", "ConfirmChangeDialog", "For example: GDPR request #4411",
        "Par exemple\u00a0: demande RGPD n°\u00a04411");
    row("sv opt-out noun", "sv", "HistoryModel", "Opt-out", "Undantag");
    row("sv opt-in noun", "sv", "HistoryModel", "Opt-in", "Återinkludering");
    row("sv change opt-in", "sv", "PendingChangesModel", "Opt-in", "Återinkludering");
    row("sv made at", "sv", "PendingChangesModel", "Made at", "Tidpunkt");
    row("sv user id", "sv", "CsvExporter", "User ID", "Användar-ID");
    row("sv offline", "sv", "SyncStatusText", "Offline — last synced at %1",
        "Ingen anslutning – senast synkroniserat %1");
    row("nl service", "nl", "ConnectionSecurity",
        "The certificate of %1 expired on %2, so the app cannot trust the connection. The "
        "service's administrator must renew it. Certificate fingerprint (SHA-256): %3",
        "Het certificaat van %1 is verlopen op %2, dus de app kan de verbinding niet vertrouwen. "
        "De beheerder van de service moet het vernieuwen. Vingerafdruk van het certificaat "
        "(SHA-256): %3");
    row("nl quotes", "nl", "ImportPreviewModel", "Unreadable: \"%1\" is not an e-mail address",
        "Onleesbaar: ‘%1’ is geen e-mailadres");
    row("nl past failure", "nl", "UsageSummaryWidget", "The usage summary could not be loaded: %1",
        "Het gebruiksoverzicht kon niet worden geladen: %1");
}

void TestTranslations::reviewedWording()
{
    QFETCH(QString, lang);
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/optout_%1.qm").arg(lang)));
    QCOMPARE(translator.translate(context.toUtf8().constData(), source.toUtf8().constData()),
             expected);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
