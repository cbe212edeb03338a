#ifndef CONCORD_CCMARK_ARENA_H
#define CONCORD_CCMARK_ARENA_H

#include <stddef.h>

/// A per-thread bump allocator for libcmark (pass these three functions as a `cmark_mem`).
///
/// cmark allocates every node, buffer and parser structure separately and frees them one by
/// one, a large share of parsing a docs corpus (docs/performance.md). Between
/// `concord_arena_begin` and `concord_arena_end` on one thread, allocations are carved out of
/// large chunks, `free` does nothing, and `end` releases everything at once: up to four 1 MB
/// chunks are kept for the thread's next parse, larger ones (a very large file) are freed.
/// Nothing allocated inside may be used after `end`.

/// Starts (or nests) a region on the calling thread.
void concord_arena_begin(void);
/// Ends the region; the outermost `end` releases every allocation made since its `begin`.
void concord_arena_end(void);

/// `calloc`, `realloc` and `free` for cmark, valid only inside a region on the calling thread.
void *concord_arena_calloc(size_t count, size_t size);
void *concord_arena_realloc(void *pointer, size_t size);
void concord_arena_free(void *pointer);

/// Bytes the calling thread's arena holds in chunks (for tests).
size_t concord_arena_retained_bytes(void);

#endif
