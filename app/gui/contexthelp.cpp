// The page's help (F1, the "?" button): what each part of the opt-out page does.
#include "contexthelp.h"

#include <QEvent>
#include <QKeySequence>
#include <QLabel>
#include <QScreen>
#include <QTextBrowser>
#include <QVBoxLayout>

ContextHelpPopup::ContextHelpPopup(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("contextHelp"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    m_title->setObjectName(QStringLiteral("contextHelpTitle"));
    m_text->setObjectName(QStringLiteral("contextHelpText"));
    m_browser->setObjectName(QStringLiteral("contextHelpBrowser"));
    m_browser->setOpenLinks(false);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.3);
    m_title->setFont(bold);
    m_text->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addWidget(m_browser, 1);
    resize(560, 620);
    retranslate();
}

QStringList ContextHelpPopup::helpIds()
{
    return {QStringLiteral("cja_product_usage_opt_out_settings"),
            QStringLiteral("product_usage_opt_out_settings")};
}

QString ContextHelpPopup::title() const
{
    return m_title->text();
}

QString ContextHelpPopup::text() const
{
    return m_text->text();
}

QString ContextHelpPopup::pageHtml() const
{
    const auto key = [](const QKeySequence &sequence) {
        return sequence.toString(QKeySequence::NativeText).toHtmlEscaped();
    };
    struct Part
    {
        QString title;
        QString body;
    };
    const QList<Part> parts {
        {tr("Opt-out user"),
         tr("Pick a user of your organisation and press <b>Opt-out</b>: they are excluded from "
            "product usage tracking at once and appear in the list below. Type to search: every "
            "word you type must start a word of the name or e-mail, in any order; accents and "
            "case do not matter. The list shows each user's e-mail, so two people of the same "
            "name can be told apart; users matching your words exactly come first. Only a user "
            "you choose from the list (a click, or Enter on the highlighted match) is picked; "
            "editing the text afterwards drops the pick.")},
        {tr("Opt out with a reason"),
         tr("Edit > Opt out with a reason… (%1, or the Opt-out button's right-click menu) asks "
            "for a reason (at most 500 characters) and can delete the user's stored usage data "
            "at once, which cannot be undone.")
             .arg(key(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)))},
        {tr("Opt-out user list"),
         tr("Everyone who is opted out, with when and by whom. Right-click the header to show "
            "the Reason and Deletion planned columns; click a header to sort. Tick users (Space "
            "ticks the selected rows, the header's box ticks them all) and press <b>Opt-in</b> "
            "to include them again; for more than one user you are asked first. A row's "
            "right-click menu also offers Show history and Delete stored data now.")},
        {tr("Filter"),
         tr("Narrows the list to the users whose name or e-mail holds what you type; the count "
            "beside it says how many of all are shown. It never changes who is opted out.")},
        {tr("Undo"),
         tr("After a single opt-out or opt-in, the message bar offers Undo (also Edit > Undo, "
            "%1) for 15 seconds. A change not sent yet is taken back and never sent; one the "
            "service has confirmed is reversed.")
             .arg(key(QKeySequence::Undo))},
        {tr("Pending changes"),
         tr("Changes show at once and are marked pending until the service confirms them. "
            "When the service cannot be reached they stay pending, are retried and kept across "
            "restarts; the status bar's \"changes pending\" link lists them, and there you can "
            "cancel them.")},
        {tr("History"),
         tr("View > History (%1), or Show history on a row: the organisation's opt-outs, "
            "opt-ins and deletions of stored data, newest first, with who did it and why. "
            "Filter it by user, by who did it, by action and by dates; a name typed but not "
            "chosen from the list filters nothing, and the dock says so.")
             .arg(key(QKeySequence(Qt::CTRL | Qt::Key_H)))},
        {tr("Opt out from a list, and export"),
         tr("File > Opt out users from a list… reads e-mail addresses pasted or from a CSV or "
            "text file and shows what it found before anything is sent. File > Export saves the "
            "opt-out list or the history as a CSV file.")},
        {tr("Keeping up to date"),
         tr("The list follows other administrators' changes by itself; %1 refreshes it now. "
            "The window's title names the organisation and the server you are signed in to. "
            "View > Language switches the language at once.")
             .arg(key(QKeySequence::Refresh))},
    };
    QString html;
    for (const Part &part : parts)
        html += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(part.title.toHtmlEscaped(), part.body);
    return html;
}

void ContextHelpPopup::retranslate()
{
    m_title->setText(tr("Opt out users"));
    m_text->setText(tr("Exclude users from product usage tracking."));
    setWindowTitle(tr("Help: %1").arg(tr("Opt-out settings")));
    m_browser->setHtml(pageHtml());
    m_browser->setAccessibleName(tr("Help on this page"));
    setAccessibleName(m_title->text());
    setAccessibleDescription(m_text->text());
}

void ContextHelpPopup::showBelow(QWidget *anchor)
{
    if (!isVisible()) {
        QPoint pos = anchor->mapToGlobal(QPoint(0, anchor->height()));
        if (const QScreen *screen = anchor->screen()) {
            const QRect available = screen->availableGeometry();
            pos.setX(std::min(pos.x(), available.right() - width()));
            pos.setX(std::max(pos.x(), available.left()));
            pos.setY(std::min(pos.y(), available.bottom() - height()));
            pos.setY(std::max(pos.y(), available.top()));
        }
        move(pos);
    }
    show();
    raise();
    activateWindow();
}

void ContextHelpPopup::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
