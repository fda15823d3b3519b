// Typed front doors for libcurl's variadic calls, which Swift cannot call directly.
// Only Sources/Client/CurlTransport.swift imports this module.
#ifndef CCSH_CURL_SHIM_H
#define CCSH_CURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*ccsh_curl_data_fn)(char *, size_t, size_t, void *);

static inline CURLcode ccsh_curl_set_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccsh_curl_set_data_fn(CURL *h, CURLoption o, ccsh_curl_data_fn f) { return curl_easy_setopt(h, o, f); }
static inline CURLcode ccsh_curl_get_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
#endif
