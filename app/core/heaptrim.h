// Gives the heap memory the process has freed back to the system.
#pragma once

// After a large load (100,000 users parsed page by page) the allocator keeps the freed parsing
// buffers mapped: some 20 MB of resident memory nobody uses. Releases them shortly after the
// last call, once the load's signals have been handled (one release for many calls). A no-op
// where the C library offers no way to release them, or without a QCoreApplication.
void releaseFreeHeapSoon();
