// A horizontal header that paints a tri-state "check all" box in its first section.
#include "checkboxheader.h"

#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionButton>

CheckBoxHeader::CheckBoxHeader(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true);
    setHighlightSections(false);
}

void CheckBoxHeader::setCheckState(Qt::CheckState state)
{
    if (state == m_state)
        return;
    m_state = state;
    viewport()->update();
}

QRect CheckBoxHeader::checkBoxRectIn(const QRect &sectionRect) const
{
    QStyleOptionButton option;
    option.initFrom(this);
    const QRect indicator = style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, this);
    const int margin = style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this) + 2;
    QRect box(QPoint(0, 0), indicator.size());
    box.moveTopLeft(QPoint(sectionRect.left() + margin,
                           sectionRect.top() + (sectionRect.height() - box.height()) / 2));
    return box;
}

QRect CheckBoxHeader::checkBoxRect() const
{
    const int logical = 0;
    const QRect section(sectionViewportPosition(logical), 0, sectionSize(logical), height());
    return checkBoxRectIn(section);
}

void CheckBoxHeader::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const
{
    painter->save();
    QHeaderView::paintSection(painter, rect, logicalIndex);
    painter->restore();
    if (logicalIndex != 0)
        return;
    QStyleOptionButton option;
    option.initFrom(this);
    option.rect = checkBoxRectIn(rect);
    option.state |= QStyle::State_Enabled;
    switch (m_state) {
    case Qt::Checked:
        option.state |= QStyle::State_On;
        break;
    case Qt::PartiallyChecked:
        option.state |= QStyle::State_NoChange;
        break;
    case Qt::Unchecked:
        option.state |= QStyle::State_Off;
        break;
    }
    style()->drawPrimitive(QStyle::PE_IndicatorCheckBox, &option, painter, this);
}

QSize CheckBoxHeader::sectionSizeFromContents(int logicalIndex) const
{
    QSize size = QHeaderView::sectionSizeFromContents(logicalIndex);
    if (logicalIndex == 0) {
        const QRect box = checkBoxRectIn(QRect(0, 0, 0, size.height()));
        size.setWidth(std::max(size.width(), box.right() + box.left() + 1));
    }
    return size;
}

void CheckBoxHeader::mousePressEvent(QMouseEvent *event)
{
    // The box takes the click; the rest of the section still sorts.
    m_pressedOnBox = event->button() == Qt::LeftButton
        && checkBoxRect().adjusted(-2, -2, 2, 2).contains(event->position().toPoint());
    if (m_pressedOnBox) {
        event->accept();
        return;
    }
    QHeaderView::mousePressEvent(event);
}

void CheckBoxHeader::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_pressedOnBox) {
        m_pressedOnBox = false;
        event->accept();
        if (checkBoxRect().adjusted(-2, -2, 2, 2).contains(event->position().toPoint()))
            Q_EMIT checkAllRequested(m_state != Qt::Checked);
        return;
    }
    QHeaderView::mouseReleaseEvent(event);
}
