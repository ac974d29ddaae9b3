// "12 / 500": how much of a field's limit is used, beside the field.
#include "lengthcounter.h"

#include <QEvent>
#include <QLineEdit>
#include <QLocale>

LengthCounter::LengthCounter(QLineEdit *edit, QWidget *parent)
    : QLabel(parent)
    , m_edit(edit)
    , m_normal(palette())
{
    setObjectName(edit->objectName() + QStringLiteral("Counter"));
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QPalette quiet = m_normal;
    quiet.setColor(QPalette::WindowText, quiet.color(QPalette::PlaceholderText));
    m_normal = quiet;
    setPalette(quiet);
    connect(edit, &QLineEdit::textChanged, this, &LengthCounter::update);
    update();
}

void LengthCounter::update()
{
    if (!m_edit)
        return;
    const int used = int(m_edit->text().size());
    const int limit = m_edit->maxLength();
    const QLocale here = locale();
    if (used >= limit) {
        setText(tr("%1 / %2: the limit", "characters typed / the most allowed")
                    .arg(here.toString(used), here.toString(limit)));
        QPalette warning = m_normal;
        warning.setColor(QPalette::WindowText, QColor(0xa4, 0x1a, 0x1a));
        setPalette(warning);
    } else {
        setText(tr("%1 / %2", "characters typed / the most allowed")
                    .arg(here.toString(used), here.toString(limit)));
        setPalette(m_normal);
    }
    setAccessibleName(tr("%Ln character(s) of %1", nullptr, used).arg(here.toString(limit)));
}

void LengthCounter::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange)
        update();
    QLabel::changeEvent(event);
}
