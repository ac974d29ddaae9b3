// The warning bar shown above the main window's content while the token goes over plain HTTP.
#include "plainhttpbar.h"

#include "icons.h"

#include <QAction>
#include <QEvent>
#include <QLabel>

PlainHttpBar::PlainHttpBar(QWidget *parent)
    : QToolBar(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("plainHttpBar"));
    setMovable(false);
    setFloatable(false);
    // A warning, not a tool bar the administrator may switch off.
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
    m_label->setObjectName(QStringLiteral("plainHttpWarning"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addWidget(m_label);
    setVisible(false);
}

void PlainHttpBar::setServer(const QUrl &server)
{
    m_server = server;
    retranslate();
    setVisible(!server.isEmpty());
}

QString PlainHttpBar::text() const
{
    return m_label->text();
}

void PlainHttpBar::retranslate()
{
    setWindowTitle(tr("Unencrypted connection"));
    m_label->setText(m_server.isEmpty()
                         ? QString()
                         : tr("Unencrypted connection: your access token and the opt-out list "
                              "travel in clear to %1, as you allowed. Ask for an https:// "
                              "address.")
                               .arg(m_server.host()));
}

void PlainHttpBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QToolBar::changeEvent(event);
}
