// A horizontal header that paints a tri-state "check all" box in its first section.
#pragma once

#include <QHash>
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
    // The tooltip of the box's section only; the other sections show their model's tooltips.
    void setCheckBoxToolTip(const QString &text) { m_boxToolTip = text; }

    // Sections keep inside the view: when it is too narrow for their widths, the interactive
    // sections give up width, never below their least width (their whole title, or what
    // setLeastWidth() asks), and the view scrolls sideways past that; they grow back to their
    // chosen widths as the view widens.
    void fitSectionsToView();
    // A section never fitted narrower than this (the e-mails: two addresses of one name must
    // stay apart).
    void setLeastWidth(int logicalIndex, int width);

Q_SIGNALS:
    // The user clicked the box (or pressed Space on it): check all rows when `checked`.
    void checkAllRequested(bool checked);

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    QSize sectionSizeFromContents(int logicalIndex) const override;
    bool viewportEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QRect checkBoxRectIn(const QRect &sectionRect) const;
    void onSectionResized(int logicalIndex, int oldSize, int newSize);
    // The narrowest a section may get: its title, its sort arrow and margins (as the style
    // measures the section), or its least width.
    int titleWidth(int logicalIndex) const;

    Qt::CheckState m_state = Qt::Unchecked;
    bool m_pressedOnBox = false;
    QString m_boxToolTip;
    QHash<int, int> m_chosenSize; // interactive sections' widths as set by the user or the app
    QHash<int, int> m_leastWidth;
    bool m_fitting = false;
};
