// Typed front doors for libcurl's variadic calls, which Swift cannot call directly.
// Only Sources/Client/CurlTransport.swift imports this module.
#ifndef CCSH_CURL_SHIM_H
#define CCSH_CURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*ccsh_curl_data_fn)(char *, size_t, size_t, void *);
typedef void (*ccsh_curl_lock_fn)(CURL *, curl_lock_data, curl_lock_access, void *);
typedef void (*ccsh_curl_unlock_fn)(CURL *, curl_lock_data, void *);

static inline CURLcode ccsh_curl_set_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_data_fn(CURL *h, CURLoption o, ccsh_curl_data_fn f) { return curl_easy_setopt(h, o, f); }
static inline CURLcode ccsh_curl_set_share(CURL *h, CURLSH *s) { return curl_easy_setopt(h, CURLOPT_SHARE, s); }
static inline CURLcode ccsh_curl_get_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode ccsh_curl_multi_set_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLSHcode ccsh_curl_share_set_long(CURLSH *s, CURLSHoption o, long v) { return curl_share_setopt(s, o, v); }
static inline CURLSHcode ccsh_curl_share_set_pointer(CURLSH *s, CURLSHoption o, void *v) { return curl_share_setopt(s, o, v); }
static inline CURLSHcode ccsh_curl_share_set_lock(CURLSH *s, ccsh_curl_lock_fn f) { return curl_share_setopt(s, CURLSHOPT_LOCKFUNC, f); }
static inline CURLSHcode ccsh_curl_share_set_unlock(CURLSH *s, ccsh_curl_unlock_fn f) { return curl_share_setopt(s, CURLSHOPT_UNLOCKFUNC, f); }

/// The running libcurl's version record (CURLVERSION_NOW is a macro Swift cannot see).
static inline curl_version_info_data *ccsh_curl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }

/// The result code of a finished transfer (CURLMsg.data is a union).
static inline CURLcode ccsh_curl_message_result(CURLMsg *m) { return m->data.result; }
static inline int ccsh_curl_message_is_done(CURLMsg *m) { return m->msg == CURLMSG_DONE; }
#endif
