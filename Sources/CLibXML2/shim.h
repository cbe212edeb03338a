#ifndef CONCORD_CLIBXML2_SHIM_H
#define CONCORD_CLIBXML2_SHIM_H
// Only the HTML parser: raw HTML blocks are read with it (HTMLBlockReader in ConcordMarkdown).
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#endif
