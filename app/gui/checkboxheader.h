// A horizontal header that paints a tri-state "check all" box in its first section.
#pragma once

#include <QHeaderView>

class CheckBoxHeader final : public QHeaderView
{
    Q_OBJECT
public:
    explicit CheckBoxHeader(QWidget *parent = nullptr);

    Qt::CheckState checkState() const { return m_state; }
    // Shows the state; does not emit checkAllRequested.
    void setCheckState(Qt::CheckState state);
    // Where the box is painted, in viewport coordinates (for tests and hit testing).
    QRect checkBoxRect() const;

Q_SIGNALS:
    // The user clicked the box (or pressed Space on it): check all rows when `checked`.
    void checkAllRequested(bool checked);

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    QSize sectionSizeFromContents(int logicalIndex) const override;

private:
    QRect checkBoxRectIn(const QRect &sectionRect) const;

    Qt::CheckState m_state = Qt::Unchecked;
    bool m_pressedOnBox = false;
};
