// The bar shown when the service ended the session: see sessionbar.h.
#include "sessionbar.h"

#include "icons.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QPushButton>

SessionBar::SessionBar(QWidget *parent)
    : QToolBar(parent)
    , m_label(new QLabel(this))
    , m_button(new QPushButton(this))
{
    setObjectName(QStringLiteral("sessionBar"));
    setMovable(false);
    setFloatable(false);
    // A message, not a tool bar the administrator may switch off.
    toggleViewAction()->setVisible(false);
    setContextMenuPolicy(Qt::PreventContextMenu);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xfc, 0xe8, 0xb2));
    pal.setColor(QPalette::WindowText, QColor(0x4a, 0x33, 0x00));
    setPalette(pal);
    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::icon(QStringLiteral("error")).pixmap(16, 16));
    addWidget(icon);
    m_label->setObjectName(QStringLiteral("sessionMessage"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addWidget(m_label);
    m_button->setObjectName(QStringLiteral("signInAgainButton"));
    addWidget(m_button);
    connect(m_button, &QPushButton::clicked, this, &SessionBar::signInRequested);
    retranslate();
    setVisible(false);
}

void SessionBar::showEnded(Reason reason)
{
    m_reason = reason;
    retranslate();
    setVisible(true);
}

QString SessionBar::text() const
{
    return m_label->text();
}

void SessionBar::retranslate()
{
    setWindowTitle(tr("Session"));
    const QString why = m_reason == Reason::Expired
        ? tr("Your session has expired.")
        : tr("The service no longer accepts your sign-in.");
    // Two sentences: the reason, then what signing in again does.
    m_label->setText(why + QLatin1Char(' ')
                     + tr("Sign in again to go on: your pending changes are kept and sent then."));
    // No access key: none is free beside the window's in every language.
    m_button->setText(tr("Sign in again…"));
}

void SessionBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QToolBar::changeEvent(event);
}
