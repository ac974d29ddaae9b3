// The page's help (F1, the "?" button): what each part of the opt-out page does, known by the
// documentation's help ids.
#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QTextBrowser;

// A window of its own (not a popup: it stays open beside the page while the administrator
// works), its text from the README's user manual, every sentence through tr().
class ContextHelpPopup final : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QStringList helpIds READ helpIds CONSTANT)
public:
    explicit ContextHelpPopup(QWidget *parent = nullptr);

    // The ids of the documentation's contextual help this window shows.
    static QStringList helpIds();
    QString title() const;
    // The one-line summary above the parts.
    QString text() const;
    QTextBrowser *browser() const { return m_browser; }

    // Shows the help beside the window of `anchor`, kept on its screen, and raises it.
    void showBelow(QWidget *anchor);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    QString pageHtml() const;

    QLabel *m_title;
    QLabel *m_text;
    QTextBrowser *m_browser;
};
