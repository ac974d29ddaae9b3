// The administrator's per-user usage summary: stored client- and server-side events per user.
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class UsageSummaryModel;
struct ApiError;

class UsageSummaryWidget final : public QWidget
{
    Q_OBJECT
public:
    // The model must outlive the widget.
    explicit UsageSummaryWidget(UsageSummaryModel *model, QWidget *parent = nullptr);
    ~UsageSummaryWidget() override;

    QTableView *table() const { return m_table; }
    QPushButton *refreshButton() const { return m_refreshButton; }
    // The failure shown under the table; empty when hidden.
    QString errorText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateDiscarded();
    void showError(const ApiError &error);
    void hideError();
    void fitColumns();

    QPointer<UsageSummaryModel> m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_titleLabel;
    QLabel *m_descriptionLabel;
    QTableView *m_table;
    QLabel *m_discardedLabel;
    QLabel *m_errorLabel;
    QPushButton *m_refreshButton;
};
