// Gives the heap memory the process has freed back to the system.
#include "heaptrim.h"

#include <QCoreApplication>
#include <QTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstdlib>

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

void prefaultHeap(qsizetype bytes)
{
#if defined(__GLIBC__) && defined(Q_OS_LINUX) && defined(MADV_POPULATE_WRITE)
    // In blocks below the size the allocator maps on its own (a thread's heap is 64 MB at
    // most), kept by it when freed: what is freed here is what the thread allocates next.
    constexpr qsizetype Block = 28 << 20;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    bytes = std::min<qsizetype>(bytes, 2 * Block);
    void *blocks[2] = {nullptr, nullptr};
    for (int i = 0; i < 2 && bytes > 0; ++i) {
        const qsizetype size = std::min(bytes, Block);
        bytes -= size;
        blocks[i] = std::malloc(size_t(size));
        if (!blocks[i])
            break;
        const std::uintptr_t page = 4096;
        const std::uintptr_t begin = (std::uintptr_t(blocks[i]) + page - 1) & ~(page - 1);
        const std::uintptr_t end = (std::uintptr_t(blocks[i]) + std::uintptr_t(size)) & ~(page - 1);
        if (end > begin)
            madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
        // By 2 MB: the address space's lock is let go in between, so that another thread's
        // mapping (the GUI thread loading a library) does not wait for the whole.
        constexpr std::uintptr_t Step = 2 << 20;
        for (std::uintptr_t at = begin; at < end; at += Step)
            madvise(reinterpret_cast<void *>(at), std::min(Step, end - at), MADV_POPULATE_WRITE);
    }
    for (void *block : blocks)
        std::free(block);
#else
    Q_UNUSED(bytes);
#endif
}

void restoreHeapTrimming()
{
#if defined(__GLIBC__) && defined(Q_OS_LINUX) && defined(MADV_POPULATE_WRITE)
    // glibc's defaults (DEFAULT_MMAP_THRESHOLD_MIN, DEFAULT_TRIM_THRESHOLD).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
#endif
}
