// Gives the heap memory the process has freed back to the system.
#pragma once

#include <QtGlobal>

// After a large load (100,000 users parsed page by page) the allocator keeps the freed parsing
// buffers mapped: some 20 MB of resident memory nobody uses. Releases them shortly after the
// last call, once the load's signals have been handled (one release for many calls). A no-op
// where the C library offers no way to release them, or without a QCoreApplication.
void releaseFreeHeapSoon();

// Makes the calling thread's next `bytes` of allocations (at most 56 MB) come from memory
// already mapped: one call maps it in a batch (transparent huge pages where the system offers
// them), where a fresh thread would otherwise take a page fault for every 4 KB it first
// touches (some 40 % of reading a 100,000-user cache in a new process). The memory stays with
// the allocator until restoreHeapTrimming(). A no-op where the C library or the kernel cannot.
void prefaultHeap(qsizetype bytes);
// After prefaultHeap(), once the work it was for is done: the allocator maps large blocks of
// its own and gives freed memory back to the system again, as by default.
void restoreHeapTrimming();
