// Gives the heap memory the process has freed back to the system.
#include "heaptrim.h"

#include <QCoreApplication>
#include <QTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {
// Process-wide like the heap it is about.
bool g_scheduled = false;
constexpr int DelayMs = 300;
} // namespace

void releaseFreeHeapSoon()
{
#if defined(__GLIBC__)
    QCoreApplication *app = QCoreApplication::instance();
    if (!app || g_scheduled)
        return;
    g_scheduled = true;
    QTimer::singleShot(DelayMs, app, []() {
        g_scheduled = false;
        malloc_trim(0);
    });
#endif
}
