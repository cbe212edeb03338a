#ifndef CONCORD_CLIBXML2_SHIM_H
#define CONCORD_CLIBXML2_SHIM_H
// Only the HTML parser: raw HTML blocks are read with it (HTMLBlockReader in ConcordMarkdown).
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding header then includes the system's ICU
// headers, whose `UErrorCode` clashes with the one Foundation's own ICU module defines in every
// Swift module that imports both. Concord passes no encoding handler and reads none of its
// fields (the only declarations the flag changes), so the headers are read without ICU.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#endif
