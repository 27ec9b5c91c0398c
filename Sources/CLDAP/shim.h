#ifndef CLDAP_SHIM_H
#define CLDAP_SHIM_H
#include <string.h>
#include <sys/time.h>
#include <lber.h>
#include <ldap.h>

/// Sets an int-valued option (ldap_set_option takes a pointer to the int).
static inline int cldap_set_int_option(LDAP *ld, int option, int value) {
  return ldap_set_option(ld, option, &value);
}

/// Sets an on/off option. LDAP_OPT_ON is `(void *)&ber_pvt_opt_on`, a macro Swift cannot import.
static inline int cldap_set_bool_option(LDAP *ld, int option, int on) {
  return ldap_set_option(ld, option, on ? LDAP_OPT_ON : LDAP_OPT_OFF);
}

/// Sets a timeval option (LDAP_OPT_NETWORK_TIMEOUT, LDAP_OPT_TIMEOUT) from milliseconds.
static inline int cldap_set_timeout_option(LDAP *ld, int option, long milliseconds) {
  struct timeval tv;
  tv.tv_sec = milliseconds / 1000;
  tv.tv_usec = (milliseconds % 1000) * 1000;
  return ldap_set_option(ld, option, &tv);
}

/// Reads the handle's last result code (LDAP_OPT_RESULT_CODE), for calls that return -1.
static inline int cldap_result_code(LDAP *ld) {
  int code = LDAP_OTHER;
  ldap_get_option(ld, LDAP_OPT_RESULT_CODE, &code);
  return code;
}

/// Returns the handle's diagnostic message, or NULL. The caller frees it with ldap_memfree.
static inline char *cldap_copy_diagnostic_message(LDAP *ld) {
  char *message = NULL;
  ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message);
  return message;
}

/// Routes libldap's debug log to `printer` and sets a debug level that no client code path logs
/// at (0x8000, LDAP_DEBUG_NONE in OpenLDAP's private ldap_log.h), so only messages logged at
/// LDAP_DEBUG_ANY (the error reports, among them the TLS failure reasons) reach it. Call once, before
/// any handle exists.
static inline void cldap_install_log_printer(BER_LOG_PRINT_FN printer) {
  int level = 0x8000;
  ber_set_option(NULL, LBER_OPT_LOG_PRINT_FN, (const void *)printer);
  ldap_set_option(NULL, LDAP_OPT_DEBUG_LEVEL, &level);
}

/// The socket of one handle's connection, recorded by libldap's connect callback (LDAP_OPT_CONNECT_CB) as soon as
/// the TCP connection is up and before any TLS handshake, so that another thread can cut a handshake that stalls.
///
/// Debian's libldap 2.5 is built without LDAP_USE_NON_BLOCKING_TLS: its TLS handshake reads a blocking socket with
/// no time limit (LDAP_OPT_NETWORK_TIMEOUT bounds only the TCP connect, LDAP_OPT_TIMEOUT only waits for results),
/// so a server that accepts the connection and never answers the handshake would hold the read for ever.
///
/// Ownership: allocated by cldap_socket_watch_install, which hands libldap a pointer to `callback` (kept for the
/// handle's life); the caller frees it with cldap_socket_watch_free only after ldap_unbind_ext_s has returned.
/// `mutex` orders the callback's updates of `fd` against cldap_socket_watch_shutdown: libldap calls the delete
/// callback before it closes the descriptor, so a shutdown never reaches a descriptor number already reused.
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
typedef struct cldap_socket_watch {
  struct ldap_conncb callback;
  pthread_mutex_t mutex;
  int fd;
} cldap_socket_watch;

static inline int cldap_socket_watch_added(LDAP *ld, Sockbuf *sb, LDAPURLDesc *srv, struct sockaddr *addr,
                                           struct ldap_conncb *ctx) {
  (void)ld; (void)srv; (void)addr;
  cldap_socket_watch *watch = (cldap_socket_watch *)ctx->lc_arg;
  ber_socket_t fd = -1;
  if (ber_sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &fd) == 1 && fd >= 0) {
    pthread_mutex_lock(&watch->mutex);
    watch->fd = (int)fd;
    pthread_mutex_unlock(&watch->mutex);
  }
  return 0;
}

static inline void cldap_socket_watch_deleted(LDAP *ld, Sockbuf *sb, struct ldap_conncb *ctx) {
  (void)ld; (void)sb;
  cldap_socket_watch *watch = (cldap_socket_watch *)ctx->lc_arg;
  pthread_mutex_lock(&watch->mutex);
  watch->fd = -1;
  pthread_mutex_unlock(&watch->mutex);
}

/// Installs a socket watch on `ld`; NULL when memory or libldap refuses it.
static inline cldap_socket_watch *cldap_socket_watch_install(LDAP *ld) {
  cldap_socket_watch *watch = (cldap_socket_watch *)calloc(1, sizeof(cldap_socket_watch));
  if (watch == NULL) return NULL;
  pthread_mutex_init(&watch->mutex, NULL);
  watch->fd = -1;
  watch->callback.lc_add = cldap_socket_watch_added;
  watch->callback.lc_del = cldap_socket_watch_deleted;
  watch->callback.lc_arg = watch;
  if (ldap_set_option(ld, LDAP_OPT_CONNECT_CB, &watch->callback) != LDAP_OPT_SUCCESS) {
    pthread_mutex_destroy(&watch->mutex);
    free(watch);
    return NULL;
  }
  return watch;
}

/// Shuts the watched socket down both ways, so a read blocked on it returns at once (the descriptor stays open:
/// libldap owns it). Returns 1 when there was a connection to cut, 0 when none is open.
static inline int cldap_socket_watch_shutdown(cldap_socket_watch *watch) {
  pthread_mutex_lock(&watch->mutex);
  int cut = watch->fd >= 0 && shutdown(watch->fd, SHUT_RDWR) == 0;
  pthread_mutex_unlock(&watch->mutex);
  return cut;
}

/// Frees a watch; call only after ldap_unbind_ext_s on its handle.
static inline void cldap_socket_watch_free(cldap_socket_watch *watch) {
  if (watch == NULL) return;
  pthread_mutex_destroy(&watch->mutex);
  free(watch);
}

/// Puts liblber's read-ahead layer (`ber_sockbuf_io_readahead`, a 16 KB buffer) between the connection's socket
/// and whatever sits above it (the TLS layer), so that a search's results are read from the socket in 16 KB reads
/// instead of a read for each TLS record's header and another for its body, and libldap polls only when the buffer
/// is empty (its DATA_READY check asks the layers). slapd sends each entry in a record of its own, so without it a
/// read of 100,000 users makes about 200,000 reads and 100,000 polls.
///
/// Call only between operations (after the bind, before a search): nothing is buffered below TLS then, so no byte
/// can be left behind in the socket. The layer is freed with the handle (ldap_unbind_ext_s); liblber keeps it and its
/// buffer (a leak of 16 KB) only when bytes are left unread in it at that point, after an abandoned search.
/// Returns 0 on success, -1 when the handle has no connection yet or liblber refuses the layer.
static inline int cldap_add_read_ahead(LDAP *ld) {
  Sockbuf *sb = NULL;
  if (ldap_get_option(ld, LDAP_OPT_SOCKBUF, &sb) != LDAP_OPT_SUCCESS || sb == NULL) return -1;
  return ber_sockbuf_add_io(sb, &ber_sockbuf_io_readahead, LBER_SBIOD_LEVEL_PROVIDER, NULL);
}

/// 1 when the handle's connection reads through liblber's read-ahead layer (cldap_add_read_ahead), else 0.
static inline int cldap_has_read_ahead(LDAP *ld) {
  Sockbuf *sb = NULL;
  if (ldap_get_option(ld, LDAP_OPT_SOCKBUF, &sb) != LDAP_OPT_SUCCESS || sb == NULL) return 0;
  return ber_sockbuf_ctrl(sb, LBER_SB_OPT_HAS_IO, &ber_sockbuf_io_readahead) == 1;
}

/// Makes the process not dumpable: no core file, and no ptrace or /proc/PID/mem by other processes of the same
/// user (prctl is variadic, which Swift cannot call). Not LDAP, but this is the project's one C shim.
#include <sys/prctl.h>
static inline int cldap_process_disable_dumpable(void) {
  return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/// The process's dumpable attribute as the kernel holds it (0: not dumpable), or -1.
static inline int cldap_process_dumpable(void) {
  return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
}

#endif
