// File > Opt out users from a list…: paste addresses or open a CSV or text file, see what would
// become of each line, add a reason and opt the matched users out. The dialog is the
// confirmation: it lists exactly who, and its button says how many.
#pragma once

#include "importpreviewmodel.h"
#include "optoutimport.h"

#include <QDialog>
#include <QPlainTextEdit>
#include <QPointer>
#include <QTimer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabBar;
class QTableView;
class UserModel;

// The paste area: a paste of more than LargePasteChars is not laid out (200,000 lines would
// take the GUI thread a second) but handed over whole, to be read and shown in the preview.
class PasteEdit final : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int LargePasteChars = 64 * 1024;
    using QPlainTextEdit::QPlainTextEdit;

signals:
    void largePaste(const QString &text);

protected:
    void insertFromMimeData(const QMimeData *source) override;
};

class ImportDialog final : public QDialog
{
    Q_OBJECT
public:
    static constexpr int PasteDelayMs = 300; // after the last key, the paste is read again

    // `users` must outlive the dialog (it is read when a list is).
    explicit ImportDialog(UserModel *users, QWidget *parent = nullptr);
    ~ImportDialog() override;

    // What Open file… does after the file dialog: reads `path` on a worker thread.
    void loadFile(const QString &path);
    // Reads pasted text (as typing in the paste area does, without the delay).
    void setPastedText(const QString &text);
    // Stops reading (the Stop button).
    void stopReading();

    bool isReading() const;
    const ImportResult &result() const { return m_model->result(); }
    ImportPreviewModel *previewModel() const { return m_model; }
    QTableView *table() const { return m_table; }
    QTabBar *filterTabs() const { return m_tabs; }
    // The users the confirm button opts out, and the reason given (trimmed).
    QStringList userIdsToOptOut() const;
    QString reason() const;

signals:
    // The administrator confirmed: the dialog closes after this.
    void optOutRequested(const QStringList &userIds, const QString &reason);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void startPaste();
    void readLargePaste(const QString &text);
    void openFile();
    void onFinished(const ImportResult &result);
    void onRunningChanged(bool running);
    void updateSummary();
    void updateTabs();
    void updateConfirm();
    void confirm();
    ImportDirectory directory() const;

    QPointer<UserModel> m_users;
    ImportJob m_job;
    ImportPreviewModel *m_model;
    QTimer m_pasteTimer;
    QString m_fileName; // the file read, empty for a paste
    QString m_largePaste; // a paste too large for the paste area, read from here
    bool m_stopped = false;
    ImportResult m_lastError; // what the error label explains (no entries)

    QLabel *m_intro;
    QLabel *m_pasteLabel;
    PasteEdit *m_pasteEdit;
    QPushButton *m_openButton;
    QLabel *m_sourceLabel;
    QProgressBar *m_busy;
    QPushButton *m_stopButton;
    QLabel *m_errorLabel;
    QLabel *m_summaryLabel;
    QTabBar *m_tabs;
    QTableView *m_table;
    QLabel *m_reasonLabel;
    QLineEdit *m_reasonEdit;
    QLabel *m_consequence;
    QDialogButtonBox *m_buttons;
    QPushButton *m_confirmButton;
    QPushButton *m_cancelButton;
};
