// Asks before a rule opts out a group or an e-mail domain: the service's preview (how many
// users, how many of them newly opted out, the first ten with their e-mails), what the rule
// does from now on, a reason and "Delete their stored usage data now". In the style of
// ConfirmChangeDialog.
#pragma once

#include "apitypes.h"

#include <QDialog>
#include <QPointer>

class ApiClient;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

class RuleConfirmDialog final : public QDialog
{
    Q_OBJECT
public:
    // Asks `api` for the preview at once.
    RuleConfirmDialog(ApiClient *api, const OptOutRuleSpec &spec, qint64 purgeAfterSeconds,
                      QWidget *parent = nullptr);

    // The rule with the reason typed and "Delete their stored usage data now".
    OptOutRuleSpec spec() const;
    // The preview, once the service answered (userCount -1 before).
    const OptOutRulePreview &preview() const { return m_preview; }
    bool hasPreview() const { return m_previewed; }

    QLineEdit *reasonEdit() const { return m_reason; }
    QCheckBox *deleteNowBox() const { return m_deleteNow; }
    QPushButton *confirmButton() const { return m_confirm; }

signals:
    // The service answered the preview (or refused it).
    void previewLoaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void checkReason();
    void updateConfirm();

    QPointer<ApiClient> m_api;
    OptOutRuleSpec m_spec;
    qint64 m_purgeAfterSeconds;
    OptOutRulePreview m_preview;
    bool m_previewed = false;
    ApiError m_previewError;
    bool m_previewFailed = false;
    QLabel *m_heading;
    QLabel *m_counts;
    QLabel *m_list;
    QLabel *m_consequence;
    QLabel *m_reasonLabel;
    QLineEdit *m_reason;
    QLabel *m_reasonProblem;
    QCheckBox *m_deleteNow;
    QLabel *m_retention;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};
