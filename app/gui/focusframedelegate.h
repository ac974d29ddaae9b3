// Item delegate that marks the keyboard's current cell with a frame one can see at a glance.
#pragma once

#include <QStyledItemDelegate>

// The style's own focus mark (a one-pixel, often dotted line) is barely visible: this one is a
// two-pixel frame in the highlight colour (in the highlighted text's colour on a selected row).
class FocusFrameDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};
