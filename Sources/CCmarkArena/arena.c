#include "CCmarkArena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Each allocation is preceded by a 16-byte header holding its usable size, so `realloc` knows
// how much to copy and can grow the newest allocation in place (cmark grows its string buffers).
enum { HEADER = 16, ALIGN = 16, CHUNK = 1 << 20, KEPT_CHUNKS = 4 };

typedef struct Chunk {
    struct Chunk *next;
    size_t capacity; // bytes of data after the (aligned) chunk header
    size_t used;
} Chunk;

#define CHUNK_HEADER ((sizeof(Chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

static _Thread_local Chunk *current; // chunk being carved; earlier chunks follow via `next`
static _Thread_local Chunk *spare;   // chunks released by `end`, ready for reuse
static _Thread_local void *newest;   // the last allocation, which may grow in place
static _Thread_local int depth;

static size_t round_up(size_t n) { return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1); }

static char *data(Chunk *chunk) { return (char *)chunk + CHUNK_HEADER; }

static Chunk *take_chunk(size_t need) {
    // Reuse a spare chunk that is large enough; otherwise allocate one.
    for (Chunk **link = &spare; *link; link = &(*link)->next) {
        Chunk *chunk = *link;
        if (chunk->capacity >= need) {
            *link = chunk->next;
            chunk->used = 0;
            return chunk;
        }
    }
    size_t capacity = need > CHUNK ? round_up(need) : CHUNK;
    Chunk *chunk = malloc(CHUNK_HEADER + capacity);
    if (!chunk) return NULL;
    chunk->capacity = capacity;
    chunk->used = 0;
    return chunk;
}

static void *allocate(size_t size) {
    if (size > SIZE_MAX - HEADER - ALIGN) return NULL;
    size_t need = HEADER + round_up(size);
    if (!current || current->capacity - current->used < need) {
        Chunk *chunk = take_chunk(need);
        if (!chunk) return NULL;
        chunk->next = current;
        current = chunk;
    }
    char *block = data(current) + current->used;
    current->used += need;
    *(size_t *)block = size;
    newest = block + HEADER;
    return newest;
}

void concord_arena_begin(void) { depth += 1; }

void concord_arena_end(void) {
    if (depth == 0) return;
    depth -= 1;
    if (depth > 0) return;
    // Keep a few standard chunks for the thread's next parse; give back the rest, and any
    // oversized chunk a very large file needed, so a long-lived thread holds at most a few MB.
    size_t kept = 0;
    for (Chunk *chunk = spare; chunk; chunk = chunk->next) kept += 1;
    while (current) {
        Chunk *next = current->next;
        if (current->capacity <= CHUNK && kept < KEPT_CHUNKS) {
            current->next = spare;
            spare = current;
            kept += 1;
        } else {
            free(current);
        }
        current = next;
    }
    newest = NULL;
}

void *concord_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    void *pointer = allocate(count * size);
    if (pointer) memset(pointer, 0, count * size);
    return pointer;
}

void *concord_arena_realloc(void *pointer, size_t size) {
    if (!pointer) return allocate(size);
    size_t *header = (size_t *)((char *)pointer - HEADER);
    size_t old = *header;
    if (size <= round_up(old)) {
        *header = size;
        return pointer;
    }
    if (pointer == newest) {
        // The newest block sits at the end of the current chunk: grow it there if it fits.
        size_t extra = round_up(size) - round_up(old);
        if (current->capacity - current->used >= extra) {
            current->used += extra;
            *header = size;
            return pointer;
        }
    }
    void *moved = allocate(size);
    if (moved) memcpy(moved, pointer, old);
    return moved;
}

void concord_arena_free(void *pointer) { (void)pointer; }

size_t concord_arena_retained_bytes(void) {
    size_t total = 0;
    for (Chunk *chunk = current; chunk; chunk = chunk->next) total += chunk->capacity;
    for (Chunk *chunk = spare; chunk; chunk = chunk->next) total += chunk->capacity;
    return total;
}
