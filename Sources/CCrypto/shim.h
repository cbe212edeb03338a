#ifndef CONCORD_CCRYPTO_SHIM_H
#define CONCORD_CCRYPTO_SHIM_H
// Only the message digests of OpenSSL's libcrypto: SHA-256, for an article's `source-hash`.
#include <openssl/evp.h>
#endif
