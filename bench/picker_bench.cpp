// The opt-out picker's first keystroke at 100,000 users: a letter typed into the empty field,
// searched, and the list of matches opened and painted, as the window does it (UserPicker on
// an editable QComboBox, shown). Printed beside the goal (16 ms, one frame) and beside the
// next keystrokes (the list already open), median and worst of several letters. Widgets need
// a platform: run with QT_QPA_PLATFORM=offscreen (or under a display).
#include "usermodel.h"
#include "userpicker.h"
#include "usersearchmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTest>
#include <QTextStream>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QTextStream out(stdout);

// 100,000 users named as a directory names them: given and family names that repeat (so
// homonyms get a number in their address), sorted by e-mail as the service sends them.
QList<User> makeUsers(int count)
{
    const QStringList given {
        QStringLiteral("Jorien"), QStringLiteral("Zoë"),    QStringLiteral("Anna"),
        QStringLiteral("Bram"),   QStringLiteral("Cécile"), QStringLiteral("Daan"),
        QStringLiteral("Emma"),   QStringLiteral("Finn"),   QStringLiteral("Greta"),
        QStringLiteral("Hugo"),   QStringLiteral("Ingrid"), QStringLiteral("Lars"),
        QStringLiteral("Mila"),   QStringLiteral("Noah"),   QStringLiteral("Olga"),
        QStringLiteral("Pieter"), QStringLiteral("Sanne"),  QStringLiteral("Tom"),
        QStringLiteral("Vera"),   QStringLiteral("Willem")};
    const QStringList family {
        QStringLiteral("Dijkstra"), QStringLiteral("van Dijk"),   QStringLiteral("Visser"),
        QStringLiteral("Kuipers"),  QStringLiteral("de Vries"),   QStringLiteral("Bakker"),
        QStringLiteral("Jansen"),   QStringLiteral("Smit"),       QStringLiteral("Meijer"),
        QStringLiteral("Mulder"),   QStringLiteral("Bos"),        QStringLiteral("Vos"),
        QStringLiteral("Peters"),   QStringLiteral("Hendriks"),   QStringLiteral("Dekker"),
        QStringLiteral("Brouwer"),  QStringLiteral("Östergaard"), QStringLiteral("Lindqvist"),
        QStringLiteral("Strauß"),   QStringLiteral("Moreau"),     QStringLiteral("Laurent"),
        QStringLiteral("Lefèvre"),  QStringLiteral("Nyström"),    QStringLiteral("Holm"),
        QStringLiteral("Berg"),     QStringLiteral("Wouters"),    QStringLiteral("Claes"),
        QStringLiteral("Maes"),     QStringLiteral("Willems"),    QStringLiteral("Goossens")};
    QList<User> users;
    users.reserve(count);
    QHash<QString, int> seen;
    for (int i = 0; i < count; ++i) {
        const QString first = given.at(i % given.size());
        const QString last = family.at((i / given.size() + i * 7) % family.size());
        QString local = (first + QLatin1Char('.') + last).toLower();
        local.remove(QLatin1Char(' '));
        const int n = seen[local]++;
        if (n > 0)
            local += QString::number(n);
        users.append(User {QStringLiteral("u-%1").arg(i), local + QStringLiteral("@example.com"),
                           first + QLatin1Char(' ') + last});
    }
    std::sort(users.begin(), users.end(),
              [](const User &a, const User &b) { return a.email < b.email; });
    return users;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    constexpr int Users = 100000;
    UserModel users;
    users.setUsers(makeUsers(Users));

    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *combo = new QComboBox(&window);
    layout->addWidget(combo);
    layout->addStretch();
    UserPicker picker(combo, &users);
    window.resize(900, 600);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        out << "The window was never shown.\n";
        return 1;
    }
    QLineEdit *edit = combo->lineEdit();
    QAbstractItemView *popup = picker.completer()->popup();

    // One keystroke, until the list of matches is open and painted.
    const auto keystroke = [&](QChar letter) {
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(edit, letter.toLatin1());
        QCoreApplication::processEvents(); // the update requests: layout and paint
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        return elapsed;
    };

    // Warm up once (fonts, styles), as a window that has been open a moment has.
    edit->setFocus();
    keystroke(QLatin1Char('x'));
    picker.clear();
    QCoreApplication::processEvents();

    // The search alone (UserSearchModel, no widget), for the same first letters.
    QList<double> searchOnly;
    {
        UserSearchModel search(&users);
        for (char letter :
             {'j', 'z', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'l', 'm', 'o', 't', 'v'}) {
            QElapsedTimer timer;
            timer.start();
            search.setQuery(QString(QLatin1Char(letter)));
            searchOnly.append(double(timer.nsecsElapsed()) / 1e6);
            search.setQuery(QString());
        }
    }

    QList<double> first;
    QList<double> next;
    int opened = 0;
    for (const char *word : {"jorien", "zoe", "anna", "bram", "cecile", "daan", "emma", "finn",
                             "greta", "hugo", "lars", "mila", "olga", "tom", "vera"}) {
        first.append(keystroke(QLatin1Char(word[0])));
        opened += popup->isVisible() ? 1 : 0;
        for (const char *c = word + 1; *c; ++c)
            next.append(keystroke(QLatin1Char(*c)));
        picker.clear();
        QCoreApplication::processEvents();
    }
    const double worstFirst = *std::max_element(first.cbegin(), first.cend());
    out << "Picker at " << Users << " users, " << first.size() << " words typed (" << opened
        << " opened the list)\n";
    out << QStringLiteral("  first keystroke (the list opens): median %1 ms, worst %2 ms "
                          "(goal 16 ms; 21.8 ms before this round)\n")
               .arg(median(first), 0, 'f', 1)
               .arg(worstFirst, 0, 'f', 1);
    out << QStringLiteral("  of which the search alone:        median %1 ms, worst %2 ms\n")
               .arg(median(searchOnly), 0, 'f', 1)
               .arg(*std::max_element(searchOnly.cbegin(), searchOnly.cend()), 0, 'f', 1);
    out << QStringLiteral("  next keystrokes (the list open):  median %1 ms, worst %2 ms\n")
               .arg(median(next), 0, 'f', 1)
               .arg(*std::max_element(next.cbegin(), next.cend()), 0, 'f', 1);
    out.flush();
    return 0;
}
