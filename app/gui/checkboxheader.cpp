// A horizontal header that paints a tri-state "check all" box in its first section.
#include "checkboxheader.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionButton>
#include <QToolTip>

#include <algorithm>

CheckBoxHeader::CheckBoxHeader(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true);
    setHighlightSections(false);
    connect(this, &QHeaderView::sectionResized, this, &CheckBoxHeader::onSectionResized);
}

bool CheckBoxHeader::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (logicalIndexAt(help->pos()) == 0 && !m_boxToolTip.isEmpty()) {
            QToolTip::showText(help->globalPos(), m_boxToolTip, this);
            return true;
        }
        // The section's own tooltip, or none: never the header's as a whole.
        if (!QHeaderView::viewportEvent(event))
            QToolTip::hideText();
        return true;
    }
    return QHeaderView::viewportEvent(event);
}

void CheckBoxHeader::onSectionResized(int logicalIndex, int oldSize, int newSize)
{
    Q_UNUSED(oldSize);
    if (!m_fitting && sectionResizeMode(logicalIndex) == QHeaderView::Interactive)
        m_chosenSize.insert(logicalIndex, newSize);
}

void CheckBoxHeader::resizeEvent(QResizeEvent *event)
{
    QHeaderView::resizeEvent(event);
    fitSectionsToView();
}

int CheckBoxHeader::titleWidth(int logicalIndex) const
{
    const QString title
        = model() ? model()->headerData(logicalIndex, orientation()).toString() : QString();
    const int margin = style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this);
    const int arrow = style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, this);
    // The style's own measure can be wider than ours (clipped "Uitgesloten doo" in Dutch).
    const int whole = std::max(fontMetrics().horizontalAdvance(title) + 4 * margin + arrow,
                               sectionSizeFromContents(logicalIndex).width());
    return std::max(whole, m_leastWidth.value(logicalIndex));
}

void CheckBoxHeader::setLeastWidth(int logicalIndex, int width)
{
    if (m_leastWidth.value(logicalIndex) == width)
        return;
    m_leastWidth.insert(logicalIndex, width);
    fitSectionsToView();
}

void CheckBoxHeader::fitSectionsToView()
{
    if (m_fitting || count() == 0)
        return;
    const int available = viewport()->width();
    if (available <= 0)
        return;
    // What the fixed and stretched sections need, and what the interactive ones would like.
    int needed = 0;
    QList<int> interactive;
    int wanted = 0, floor = 0;
    for (int section = 0; section < count(); ++section) {
        if (isSectionHidden(section))
            continue;
        switch (sectionResizeMode(section)) {
        case QHeaderView::Interactive:
            interactive.append(section);
            wanted += m_chosenSize.value(section, sectionSize(section));
            floor
                += std::min(titleWidth(section), m_chosenSize.value(section, sectionSize(section)));
            break;
        case QHeaderView::Stretch:
            needed += titleWidth(section);
            break;
        default:
            needed += sectionSize(section);
            break;
        }
    }
    if (interactive.isEmpty())
        return;
    const int room = std::max(available - needed, floor);
    m_fitting = true;
    for (int section : std::as_const(interactive)) {
        const int chosen = m_chosenSize.value(section, sectionSize(section));
        int size = chosen;
        if (wanted > room) {
            // Each gives up width in proportion to what it has above its title's width.
            const int minimum = std::min(titleWidth(section), chosen);
            const double share
                = wanted - floor > 0 ? double(chosen - minimum) / (wanted - floor) : 0;
            size = minimum + int(share * (room - floor));
        }
        if (size != sectionSize(section))
            resizeSection(section, size);
    }
    m_fitting = false;
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
