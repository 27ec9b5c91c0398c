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
