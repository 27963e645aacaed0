/* seal.h: private entries (journal, unsent drafts) sealed under the author's data
 * key with XChaCha20-Poly1305 and a random 24-byte nonce.
 *
 * Sealed text: base64url without padding of nonce || ciphertext || 16-byte tag,
 * SEAL_B64_LEN(len) characters for a plaintext of len bytes.
 *
 * The associated data `ad` binds a sealed text to its place, so it cannot be moved
 * to another person or another kind of entry and still open. Use the kind and the
 * author, e.g. "journal:user:42" (crypto/keys.h, key_ad_*): the entry's own id is not
 * known before the row is inserted, and sealing again after the insert would cost
 * a second write. Within one author's journal entries can therefore be swapped
 * by someone who can write the database; they cannot be read or altered.
 */
#ifndef DUET_SEAL_H
#define DUET_SEAL_H

#include "crypto.h"
#include "util/buf.h"

#include <stddef.h>

/* Bytes added to the plaintext before base64: nonce and tag. */
#define SEAL_OVERHEAD 40
/* Longest plaintext seal_text accepts (1 GiB), so lengths cannot overflow. */
#define SEAL_PLAIN_MAX ((size_t)1 << 30)
#define SEAL_B64_LEN(len) CRYPTO_B64_LEN((len) + SEAL_OVERHEAD)

/* Seals plain[0..len) under key, binding ad (NULL means ""), and appends the sealed
 * text to out. 0, or -1 when len passes SEAL_PLAIN_MAX (out unchanged), memory
 * runs out or out's cap is passed (out is then released, as buf does). */
int seal_text(const unsigned char key[KEY_BYTES], const char *plain, size_t len, const char *ad,
              struct buf *out) WARN_UNUSED_RESULT;

/* Opens sealed[0..len) (need not be NUL-terminated) and appends the plaintext to
 * out. 0, or -1 when key or ad is wrong, the text is malformed, truncated or
 * tampered with (out unchanged), or out's cap is passed. The caller wipes the
 * plaintext in out (sodium_memzero) when done with it. */
int open_text(const unsigned char key[KEY_BYTES], const char *sealed, size_t len, const char *ad,
              struct buf *out) WARN_UNUSED_RESULT;

#endif
