// Item delegate that marks the keyboard's current cell with a frame one can see at a glance.
#include "focusframedelegate.h"

#include <QPainter>

void FocusFrameDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem plain(option);
    const bool focus = option.state.testFlag(QStyle::State_HasFocus);
    plain.state.setFlag(QStyle::State_HasFocus, false);
    QStyledItemDelegate::paint(painter, plain, index);
    if (!focus)
        return;
    const QColor color = option.palette.color(option.state.testFlag(QStyle::State_Selected)
                                                  ? QPalette::HighlightedText
                                                  : QPalette::Highlight);
    painter->save();
    QPen pen(color, 2);
    pen.setJoinStyle(Qt::MiterJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(QRectF(option.rect).adjusted(1, 1, -1, -1));
    painter->restore();
}
