// The page's contextual help: a small popup with a title and a text, known by its help ids.
#include "contexthelp.h"

#include <QEvent>
#include <QLabel>
#include <QScreen>
#include <QVBoxLayout>

ContextHelpPopup::ContextHelpPopup(QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("contextHelp"));
    setFrameShape(QFrame::StyledPanel);
    setAttribute(Qt::WA_DeleteOnClose, false);
    m_title->setObjectName(QStringLiteral("contextHelpTitle"));
    m_text->setObjectName(QStringLiteral("contextHelpText"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(260);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
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

void ContextHelpPopup::retranslate()
{
    m_title->setText(tr("Opt out users"));
    m_text->setText(tr("Exclude users from product usage tracking."));
    setAccessibleName(m_title->text());
    setAccessibleDescription(m_text->text());
}

void ContextHelpPopup::showBelow(QWidget *anchor)
{
    adjustSize();
    QPoint pos = anchor->mapToGlobal(QPoint(0, anchor->height()));
    if (const QScreen *screen = anchor->screen()) {
        const QRect available = screen->availableGeometry();
        pos.setX(std::min(pos.x(), available.right() - width()));
        pos.setX(std::max(pos.x(), available.left()));
        if (pos.y() + height() > available.bottom())
            pos.setY(anchor->mapToGlobal(QPoint(0, 0)).y() - height());
    }
    move(pos);
    show();
}

void ContextHelpPopup::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}
